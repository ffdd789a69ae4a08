/** GraphQL: the schema resource, its wiring, the query fetchers and the parsed-document cache. */
package dev.clerkvertx.graphql;
