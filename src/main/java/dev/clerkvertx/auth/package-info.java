/**
 * Authentication: finding the session token, Clerk's token and claim rules on top of
 * vertx-auth-jwt, the per-verticle key ring, the verified-token cache, and failure reasons.
 */
package dev.clerkvertx.auth;
