/**
 * GraphQL: the schema put together from {@link dev.clerkvertx.graphql.SchemaPart}s (SDL and fetchers
 * registered together), {@code @requires}, mutations over POST only, and the document gate with its
 * parsed-document cache.
 */
package dev.clerkvertx.graphql;
