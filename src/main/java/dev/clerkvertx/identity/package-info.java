/**
 * Who the caller is: the identity decoded once from a verified Clerk session token (user, session,
 * organisation with its permissions, features, plans, factor verification age, actor), v1 and v2 claims.
 */
package dev.clerkvertx.identity;
