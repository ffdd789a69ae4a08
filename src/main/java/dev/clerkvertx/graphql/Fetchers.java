package dev.clerkvertx.graphql;

import dev.clerkvertx.identity.ClerkIdentity;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a {@link SchemaPart} registers the fetchers of its fields. A fetcher may answer a value or a
 * {@code CompletionStage} (a Vert.x {@code Future}'s {@code toCompletionStage()}), and runs on the event
 * loop: no blocking calls. Who may call a guarded field is its {@code @requires}, not the fetcher's business.
 */
public final class Fetchers {
  private final Map<FieldCoordinates, DataFetcher<?>> registered = new LinkedHashMap<>();
  private final Map<FieldCoordinates, String> registeredBy = new LinkedHashMap<>();
  private String part;

  Fetchers() {
  }

  /** The signed-in caller of the request a fetcher serves. */
  public static ClerkIdentity caller(DataFetchingEnvironment env) {
    return ClerkIdentity.of(env.getGraphQlContext().<RoutingContext>get(RoutingContext.class));
  }

  public Fetchers query(String field, DataFetcher<?> fetcher) {
    return field("Query", field, fetcher);
  }

  public Fetchers mutation(String field, DataFetcher<?> fetcher) {
    return field("Mutation", field, fetcher);
  }

  /** The fetcher of {@code type.field}, for fields of your own types that need more than a property read. */
  public Fetchers field(String type, String field, DataFetcher<?> fetcher) {
    FieldCoordinates coordinates = FieldCoordinates.coordinates(type, field);
    String earlier = registeredBy.putIfAbsent(coordinates, part);
    if (earlier != null) {
      throw new IllegalStateException("GraphQL field " + type + "." + field + " has two fetchers (" + earlier
        + " and " + part + ")");
    }
    registered.put(coordinates, fetcher);
    return this;
  }

  /** Collects {@code part}'s fetchers. */
  void collect(SchemaPart schemaPart) {
    part = schemaPart.name();
    schemaPart.fetchers().accept(this);
  }

  Map<FieldCoordinates, DataFetcher<?>> registered() {
    return registered;
  }

  String registeredBy(FieldCoordinates coordinates) {
    return registeredBy.get(coordinates);
  }
}
