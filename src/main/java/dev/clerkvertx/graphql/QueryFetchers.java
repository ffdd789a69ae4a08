package dev.clerkvertx.graphql;

import dev.clerkvertx.auth.ClerkIdentity;
import graphql.schema.DataFetcher;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The data fetchers of {@code Query}: pure functions of their arguments and the authenticated caller. */
final class QueryFetchers {
  private QueryFetchers() {
  }

  static final DataFetcher<String> PING_ONE = env -> "GraphQL Ping #" + env.<String>getArgument("id") + "!";

  static final DataFetcher<Map<String, Object>> ME = env ->
    ClerkIdentity.of(env.getGraphQlContext().<RoutingContext>get(RoutingContext.class)).toJson().getMap();
}
