package dev.clerkvertx.api;

import dev.clerkvertx.graphql.SchemaPart;
import dev.clerkvertx.http.RouteContributor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's API: the one list of what this service hosts beyond its machinery and the demo.
 * Add a {@link RouteContributor} for your REST routes and a {@link SchemaPart} for your GraphQL fields
 * in {@link #create}; the notes are the worked example.
 *
 * @param routes        REST routes, mounted in this order
 * @param schema        GraphQL schema parts with their fetchers
 * @param maxHeldBytes  the most the API keeps in the heap (its in-memory stores), for the memory budget
 */
public record Api(List<RouteContributor> routes, List<SchemaPart> schema, long maxHeldBytes) {
  public Api {
    routes = List.copyOf(routes);
    schema = List.copyOf(schema);
  }

  /** The API this service serves. Reads resources: call at start-up, never on an event loop. */
  public static Api create(Clock clock) {
    // swap in your database here: a NoteStore over a Vert.x reactive SQL client (Pool), say
    InMemoryNoteStore notes = new InMemoryNoteStore(InMemoryNoteStore.Limits.DEFAULT, clock);
    return new Api(
      List.of(new NoteRoutes(notes)),
      List.of(NoteFields.part(notes)),
      notes.maxBytes());
  }

  /** This API and {@code more} routes (tests add theirs this way). */
  public Api with(RouteContributor more) {
    List<RouteContributor> all = new ArrayList<>(routes);
    all.add(more);
    return new Api(all, schema, maxHeldBytes);
  }

  /** This API and {@code more} GraphQL fields. */
  public Api with(SchemaPart more) {
    List<SchemaPart> all = new ArrayList<>(schema);
    all.add(more);
    return new Api(routes, all, maxHeldBytes);
  }
}
