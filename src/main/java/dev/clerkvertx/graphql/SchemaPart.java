package dev.clerkvertx.graphql;

import dev.clerkvertx.config.Resources;

import java.util.function.Consumer;

/**
 * One part of the GraphQL schema and the fetchers of the fields it declares, registered together:
 * {@code SchemaPart.resource("graphql/notes.graphqls", f -> f.query("notes", ...).mutation("createNote", ...))}.
 * A part adds fields to the roots with {@code extend type Query { … }} and {@code extend type Mutation { … }}
 * and may declare its own types; start-up stops, naming the field, when a field of {@code Query} or
 * {@code Mutation}, or a field guarded with {@code @requires}, has no fetcher.
 *
 * @param name     where the SDL came from, for messages
 * @param sdl      the part's schema text
 * @param fetchers registers the part's fetchers
 */
public record SchemaPart(String name, String sdl, Consumer<Fetchers> fetchers) {

  /** A part whose SDL is a resource of the jar, read now: call at start-up, never on an event loop. */
  public static SchemaPart resource(String path, Consumer<Fetchers> fetchers) {
    return new SchemaPart(path, Resources.text(path), fetchers);
  }
}
