package dev.clerkvertx.graphql;

import dev.clerkvertx.identity.ClerkIdentity;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.TypeRuntimeWiring;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * The data fetchers of {@code Query}: pure functions of their arguments and the authenticated
 * caller. Which caller may read a field is the schema's {@code @requires}, not theirs.
 */
final class QueryFetchers {
  private QueryFetchers() {
  }

  static TypeRuntimeWiring.Builder wire(TypeRuntimeWiring.Builder query) {
    return query
      .dataFetcher("pingOne", ping("GraphQL Ping #"))
      .dataFetcher("me", QueryFetchers::me)
      .dataFetcher("orgPing", ping("GraphQL Org Ping #"))
      .dataFetcher("adminPing", ping("GraphQL Admin Ping #"))
      .dataFetcher("featurePing", ping("GraphQL Feature Ping #"))
      .dataFetcher("planPing", ping("GraphQL Plan Ping #"))
      .dataFetcher("sensitivePing", ping("GraphQL Sensitive Ping #"));
  }

  private static DataFetcher<String> ping(String prefix) {
    return env -> prefix + env.<String>getArgument("id") + "!";
  }

  private static Map<String, Object> me(DataFetchingEnvironment env) {
    JsonObject me = ClerkIdentity.of(env.getGraphQlContext().<RoutingContext>get(RoutingContext.class)).toJson();
    if (me.getValue("actor") instanceof JsonObject actor) {
      me.put("actor", actor.getMap());
    }
    return me.getMap();
  }
}
