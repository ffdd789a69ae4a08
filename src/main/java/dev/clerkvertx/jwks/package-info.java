/**
 * Verification keys: fetching Clerk's JWKS, filtering usable keys, the single key owner with
 * refresh-ahead, backoff, cooldown and outage tolerance, and the event-bus protocol to HTTP verticles.
 */
package dev.clerkvertx.jwks;
