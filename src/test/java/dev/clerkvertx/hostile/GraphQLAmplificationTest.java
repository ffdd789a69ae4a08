package dev.clerkvertx.hostile;

import dev.clerkvertx.support.MeteredServiceTest;
import dev.clerkvertx.support.Probes;
import dev.clerkvertx.support.Service;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (issue 14, item 2): any signed-in user asks for an answer far larger than the request.
 * {@code query($v:String!){a0:pingOne(id:$v) … a219:pingOne(id:$v)}} with a 61 KB {@code $v} is a
 * 65,520-byte body inside every document limit, and got a 13.5 MB answer after 1.7 s; two or three in
 * parallel killed a {@code -Xmx96m} process. The same without arguments: 250 aliases of {@code me}
 * for a session whose organisation grants 500 permissions. Both are refused within milliseconds with
 * a small answer and no data, counted, while honest callers keep being served; echoes within the
 * limits are answered whole.
 */
class GraphQLAmplificationTest extends MeteredServiceTest {
  static final int ALIASES = 220;


  static String aliases() {
    return "query($v:String!){" + IntStream.range(0, ALIASES).mapToObj(i -> "a" + i + ":pingOne(id:$v)")
      .collect(Collectors.joining(" ")) + "}";
  }

  /** The issue's request: 220 aliases echoing one variable, the body padded to 65,520 bytes. */
  static JsonObject issueRequest() {
    JsonObject body = new JsonObject().put("query", aliases()).put("variables", new JsonObject().put("v", ""));
    int padding = 65_520 - body.encode().length();
    body.getJsonObject("variables").put("v", "x".repeat(padding));
    assertThat(body.encode()).hasSize(65_520);
    return body;
  }

  Future<HttpResponse<Buffer>> send(JsonObject body, String bearer) {
    return service.client.post("/graphql").bearerTokenAuthentication(bearer).sendJsonObject(body);
  }

  static void assertRefused(HttpResponse<Buffer> resp, String code, long millis) {
    assertThat(resp.statusCode()).isEqualTo(200);
    JsonObject body = resp.bodyAsJsonObject();
    assertThat(body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"))
      .as(body.encode()).isEqualTo(code);
    assertThat(body.containsKey("data")).as("no data, not even partial").isFalse();
    assertThat(resp.body().length()).as("answer bytes").isLessThan(1_024);
    assertThat(millis).as("answered in ms").isLessThan(1_000);
  }

  /** Five rounds of three in parallel, honest probes beside them; every answer refused with {@code code}. */
  void attack(JsonObject request, String code) {
    try (Probes probes = new Probes(vertx, service.running.port(), token)) {
      for (int round = 0; round < 5; round++) {
        long start = System.nanoTime();
        List<Future<HttpResponse<Buffer>>> parallel = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          parallel.add(send(request, token));
        }
        for (Future<HttpResponse<Buffer>> answer : parallel) {
          assertRefused(Service.await(answer), code, (System.nanoTime() - start) / 1_000_000);
        }
      }
      probes.awaitAnswered(3);
      assertThat(probes.failures()).isEmpty();
      assertThat(probes.answered()).isPositive();
    }
  }

  @Test
  void theIssuesRequestIsRefusedForItsVariablesBeforeParsing() {
    attack(issueRequest(), "VARIABLES_TOO_LARGE");
    assertThat(service.freshMetrics())
      .contains("clerk_graphql_refused_total{reason=\"variables\"} 15.0");
  }

  @Test
  void echoingOneVariableThroughManyAliasesIsRefusedBeforeExecution() {
    // 30 KB: within the variables limit, 6.6 MB once echoed by 220 aliases
    attack(new JsonObject().put("query", aliases()).put("variables", new JsonObject().put("v", "x".repeat(30_000))),
      "ARGUMENTS_TOO_LARGE");
    assertThat(service.freshMetrics())
      .contains("clerk_graphql_refused_total{reason=\"arguments\"} 15.0");
  }

  /** A v2 session whose organisation grants 10 features x 50 permissions: 500 entries in orgPermissions. */
  String manyPermissionsToken() {
    String features = IntStream.range(0, 10).mapToObj(i -> "o:feature_number_" + i).collect(Collectors.joining(","));
    String permissions = IntStream.range(0, 50).mapToObj(i -> "permission_name_" + i).collect(Collectors.joining(","));
    String mask = BigInteger.ONE.shiftLeft(50).subtract(BigInteger.ONE).toString();
    String masks = IntStream.range(0, 10).mapToObj(i -> mask).collect(Collectors.joining(","));
    return world.token(world.claims().put("fea", features)
      .put("o", new JsonObject().put("id", "org_1").put("rol", "admin").put("slg", "acme").put("per", permissions)
        .put("fpm", masks)));
  }

  @Test
  void aliasesOfAFieldWithoutArgumentsAreStoppedWhileTheAnswerIsBuilt() {
    String bearer = manyPermissionsToken();
    HttpResponse<Buffer> one = Service.await(send(new JsonObject().put("query", "{ me { orgPermissions } }"), bearer));
    assertThat(one.bodyAsJsonObject().getJsonObject("data").getJsonObject("me").getJsonArray("orgPermissions")).hasSize(500);
    assertThat(one.body().length()).as("one me, bytes").isGreaterThan(15_000);

    String query = "{" + IntStream.range(0, 250).mapToObj(i -> "a" + i + ": me { orgPermissions }")
      .collect(Collectors.joining(" ")) + "}";
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      HttpResponse<Buffer> resp = Service.await(send(new JsonObject().put("query", "# " + i + "\n" + query), bearer));
      assertRefused(resp, "ANSWER_TOO_LARGE", (System.nanoTime() - start) / 1_000_000);
    }
    assertThat(service.freshMetrics())
      .contains("clerk_graphql_refused_total{reason=\"answer\"} 5.0");
  }

  @Test
  void echoesWithinTheLimitsAreAnsweredWhole() {
    String v = "y".repeat(30_000);
    JsonObject body = new JsonObject().put("query", "query($v:String!){a:pingOne(id:$v) b:pingOne(id:$v)}")
      .put("variables", new JsonObject().put("v", v));
    JsonObject data = Service.await(send(body, token)).bodyAsJsonObject().getJsonObject("data");
    assertThat(data.getString("a")).isEqualTo("GraphQL Ping #" + v + "!");
    assertThat(data.getString("b")).isEqualTo(data.getString("a"));
  }

}
