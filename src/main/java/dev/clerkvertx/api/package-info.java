/**
 * The application's API: its REST routes ({@link dev.clerkvertx.http.RouteContributor}s) and GraphQL
 * fields ({@link dev.clerkvertx.graphql.SchemaPart}s), listed in {@link dev.clerkvertx.api.Api}. The
 * worked example is the notes of an organisation, behind {@link dev.clerkvertx.api.NoteStore}.
 */
package dev.clerkvertx.api;
