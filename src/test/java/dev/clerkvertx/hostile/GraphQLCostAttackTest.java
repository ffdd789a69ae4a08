package dev.clerkvertx.hostile;

import dev.clerkvertx.support.MeteredServiceTest;
import dev.clerkvertx.support.Probes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: any signed-in user sends GraphQL documents built to cost the event loop seconds in
 * parsing and validation (aliases, fragment spreads, nested fragments, deep nesting, many tokens,
 * operations or fragments, long documents, introspection cycles), each with a fresh comment so that
 * no cache helps. Every one is refused with its code within the bound, counted in /metrics, while an
 * honest caller on the same event loop keeps getting answers within a second; GraphiQL's own
 * introspection query still passes.
 */
class GraphQLCostAttackTest extends MeteredServiceTest {
  static final long BOUND_MILLIS = 1_000;


  static String repeat(String unit, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(unit.replace("#", Integer.toString(i)));
    }
    return b.toString();
  }

  /** Sends the document 5 times, each with a fresh comment; asserts the code and the time bound. */
  void assertRefused(String code, IntFunction<String> document) {
    for (int i = 0; i < 5; i++) {
      String query = "# " + UUID.randomUUID() + "\n" + document.apply(i);
      long start = System.nanoTime();
      HttpResponse<Buffer> resp = service.graphql(query, token);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(resp.statusCode()).as(code).isEqualTo(200);
      JsonObject body = resp.bodyAsJsonObject();
      assertThat(body.getValue("data")).as(code).isNull();
      assertThat(body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"))
        .as(body.encode()).isEqualTo(code);
      assertThat(millis).as(code + " answered in ms").isLessThan(BOUND_MILLIS);
    }
  }

  static String graphiqlIntrospection() throws IOException {
    try (InputStream in = GraphQLCostAttackTest.class.getResourceAsStream("/graphql/graphiql-introspection.graphql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void costDocumentsAreRefusedQuicklyWhileHonestCallersAreServed() {
    try (Probes probes = new Probes(vertx, service.running.port(), token)) {
      // 300 aliases of me: 600 fields, within the token limit
      assertRefused("TOO_MANY_FIELDS", i -> "{" + repeat(" a#: me{userId}", 300) + "}");
      // 600 spreads of a 600-field fragment: 360,000 fields
      assertRefused("TOO_MANY_FIELDS", i -> "{ me {" + repeat(" ...F", 600) + "} } fragment F on Identity {"
        + repeat(" userId", 600) + "}");
      // twelve fragments, each spreading the next ten times: 10^11 fields from a few hundred bytes
      assertRefused("TOO_MANY_FIELDS", i -> "{ me { ...F1 } }" + nestedFragments(12));
      assertRefused("QUERY_TOO_DEEP", i -> "{ __schema { types { " + "ofType { ".repeat(30) + "name"
        + " }".repeat(30) + " } } }");
      assertRefused("TOO_MANY_TOKENS", i -> "{ me {" + repeat(" a:userId", 1_700) + "} }");
      assertRefused("TOO_MANY_OPERATIONS", i -> repeat("query Q# { me { userId } } ", 11));
      assertRefused("TOO_MANY_FRAGMENTS", i -> "{ me { ...F0 } }" + repeat(" fragment F# on Identity { userId }", 51));
      assertRefused("QUERY_TOO_LARGE", i -> "{ me { userId } }" + " ".repeat(17_000));
      probes.awaitAnswered(3);
      assertThat(probes.failures()).isEmpty();
      assertThat(probes.slowestMillis()).as("slowest honest answer, ms").isLessThan(BOUND_MILLIS);
      assertThat(probes.answered()).isPositive();
    }
    String metrics = service.freshMetrics();
    assertThat(metrics).contains("clerk_graphql_refused_total{reason=\"fields\"} 15.0")
      .contains("clerk_graphql_refused_total{reason=\"depth\"} 5.0")
      .contains("clerk_graphql_refused_total{reason=\"tokens\"} 5.0")
      .contains("clerk_graphql_refused_total{reason=\"operations\"} 5.0")
      .contains("clerk_graphql_refused_total{reason=\"fragments\"} 5.0")
      .contains("clerk_graphql_refused_total{reason=\"too_large\"} 5.0");
  }

  /** Fragments F1..Fn, each spreading the next ten times; the last selects one field. */
  static String nestedFragments(int n) {
    StringBuilder b = new StringBuilder();
    for (int level = 1; level < n; level++) {
      b.append(" fragment F").append(level).append(" on Identity {")
        .append((" ...F" + (level + 1)).repeat(10)).append(" }");
    }
    return b.append(" fragment F").append(n).append(" on Identity { userId }").toString();
  }

  @Test
  void introspectionCyclesAreRefusedInGoodFaith() {
    HttpResponse<Buffer> resp = service.graphql(
      "{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }", token);
    assertThat(resp.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
      .getString("classification")).isEqualTo("BadFaithIntrospection");
  }

  @Test
  void graphiqlIntrospectionQueryPassesEveryDefaultLimit() throws IOException {
    HttpResponse<Buffer> resp = service.graphql(graphiqlIntrospection(), token);
    assertThat(resp.statusCode()).isEqualTo(200);
    JsonObject body = resp.bodyAsJsonObject();
    assertThat(body.getJsonArray("errors")).isNull();
    assertThat(body.getJsonObject("data").getJsonObject("__schema").getJsonArray("types").encode()).contains("pingOne");
  }
}
