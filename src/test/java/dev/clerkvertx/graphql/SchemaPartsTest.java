package dev.clerkvertx.graphql;

import dev.clerkvertx.Application;
import dev.clerkvertx.api.Api;
import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Schema and fetchers registered together: several parts contribute types, queries and mutations;
 * a field that would answer null for want of a fetcher stops start-up, naming it.
 */
@ExtendWith(VertxExtension.class)
class SchemaPartsTest {
  Fixture world;

  @BeforeEach
  void setUp(Vertx vertx) {
    world = Fixture.start(vertx, "kid-parts");
  }

  static SchemaPart part(String name, String sdl, Consumer<Fetchers> fetchers) {
    return new SchemaPart(name, sdl, fetchers);
  }

  /** Start-up of the real service with the application's API and {@code part}; the failure's message. */
  String refusal(SchemaPart part) {
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", world.issuer());
    var started = Application.start(world.vertx, Service.loader(env), false, world.clock, AuthEvents.NONE,
      Api.create(world.clock).with(part));
    Throwable failure = assertThatThrownBy(() -> Service.await(started)).actual();
    return failure.getMessage();
  }

  @Test
  void aGuardedFieldWithoutAFetcherStopsStartUp() {
    assertThat(refusal(part("graphql/invoices.graphqls",
      "extend type Query {\n  invoices: [String!] @requires(permission: \"org:invoices:read\")\n}", f -> { })))
      .contains("GraphQL field Query.invoices (graphql/invoices.graphqls line 2) has no fetcher")
      .contains("fetchers.query(\"invoices\", env -> ...)")
      .contains("@requires");
    assertThat(refusal(part("p", "type Invoice { id: ID! total: Int @requires(role: \"org:admin\") }\n"
      + "extend type Query { invoice: Invoice }", f -> f.query("invoice", env -> Map.of("id", "1", "total", 5)))))
      .contains("GraphQL field Invoice.total (p line 1) has no fetcher")
      .contains("fetchers.field(\"Invoice\", \"total\", env -> ...)");
  }

  @Test
  void aRootFieldWithoutAFetcherStopsStartUp() {
    assertThat(refusal(part("p", "extend type Mutation { archive(id: ID!): Boolean }", f -> { })))
      .contains("GraphQL field Mutation.archive (p line 1) has no fetcher")
      .contains("fetchers.mutation(\"archive\", env -> ...)");
  }

  @Test
  void mistakesInRegistrationStopStartUpNamingTheField() {
    assertThat(refusal(part("p", "extend type Query { total: Int }", f -> f.query("total", env -> 1).query("totl", env -> 1))))
      .contains("a fetcher is registered for Query.totl (p), a field no schema part declares");
    assertThat(refusal(part("p", "extend type Query { notes: Int }", f -> f.query("notes", env -> 1))))
      .contains("GraphQL field Query.notes has two fetchers (graphql/notes.graphqls and p)");
    assertThat(refusal(part("p", "type Note { id: ID }", f -> { })))
      .contains("GraphQL schema part p").contains("Note");
    assertThat(refusal(part("p", "type Subscription { ticks: Int }", f -> { })))
      .contains("subscriptions are not served");
  }

  @Test
  void severalPartsContributeTypesQueriesAndMutations() {
    SchemaPart invoices = part("invoices", """
      type Invoice { id: ID! total: Int! }
      extend type Query { invoice(id: ID!): Invoice @requires(permission: "org:invoices:read") }
      extend type Mutation { payInvoice(id: ID!): Invoice @requires(permission: "org:invoices:write") }
      """, f -> f
      .query("invoice", env -> Map.of("id", env.<String>getArgument("id"), "total", 42))
      .mutation("payInvoice", env -> Map.of("id", env.<String>getArgument("id"), "total", 0)));
    SchemaPart clock = part("clock", "extend type Query { epoch: Long }", f -> f.query("epoch", env -> 1_700_000_000_000L));
    Service service = world.service(Map.of(), Api.create(world.clock).with(invoices).with(clock));
    String token = world.orgToken("org_1", "org:invoices:read", "org:invoices:write", "org:notes:write");
    JsonObject query = service.graphql("{ invoice(id: \"7\") { id total } epoch pingOne(id: \"1\") }", token).bodyAsJsonObject();
    assertThat(query.getJsonObject("data")).isEqualTo(new JsonObject()
      .put("invoice", new JsonObject().put("id", "7").put("total", 42)).put("epoch", 1_700_000_000_000L)
      .put("pingOne", "GraphQL Ping #1!"));
    JsonObject mutation = service.graphql("mutation { payInvoice(id: \"7\") { total } createNote(text: \"paid\") { text } }",
      token).bodyAsJsonObject();
    assertThat(mutation.getJsonObject("data")).isEqualTo(new JsonObject()
      .put("payInvoice", new JsonObject().put("total", 0)).put("createNote", new JsonObject().put("text", "paid")));
    JsonObject denied = service.graphql("mutation { payInvoice(id: \"7\") { total } }",
      world.orgToken("org_1", "org:invoices:read")).bodyAsJsonObject();
    assertThat(denied.getJsonObject("data").getValue("payInvoice")).isNull();
    assertThat(denied.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code")).isEqualTo("FORBIDDEN");
  }
}
