/** clerk-vertx: Clerk session-token verification in front of a REST and a GraphQL API on Vert.x 5. */
package dev.clerkvertx;
