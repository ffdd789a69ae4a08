package dev.clerkvertx.demo;

import dev.clerkvertx.graphql.Fetchers;
import dev.clerkvertx.graphql.SchemaPart;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The demo's GraphQL fields ({@code graphql/demo.graphqls}): pure functions of their arguments and
 * the authenticated caller. Which caller may read a field is the schema's {@code @requires}, not theirs.
 */
public final class DemoFields {
  private DemoFields() {
  }

  /** The demo's schema and fetchers; reads a resource: call at start-up. */
  public static SchemaPart part() {
    return SchemaPart.resource("graphql/demo.graphqls", DemoFields::wire);
  }

  private static void wire(Fetchers fetchers) {
    fetchers
      .query("pingOne", ping("GraphQL Ping #"))
      .query("me", DemoFields::me)
      .query("orgPing", ping("GraphQL Org Ping #"))
      .query("adminPing", ping("GraphQL Admin Ping #"))
      .query("featurePing", ping("GraphQL Feature Ping #"))
      .query("planPing", ping("GraphQL Plan Ping #"))
      .query("sensitivePing", ping("GraphQL Sensitive Ping #"));
  }

  private static DataFetcher<String> ping(String prefix) {
    return env -> prefix + env.<String>getArgument("id") + "!";
  }

  private static Map<String, Object> me(DataFetchingEnvironment env) {
    JsonObject me = Fetchers.caller(env).toJson();
    if (me.getValue("actor") instanceof JsonObject actor) {
      me.put("actor", actor.getMap());
    }
    return me.getMap();
  }
}
