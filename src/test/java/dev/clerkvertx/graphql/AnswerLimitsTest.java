package dev.clerkvertx.graphql;

import dev.clerkvertx.config.GraphQLLimits;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.config.SettingValues;
import dev.clerkvertx.support.Service;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fields a team adds later, with fetchers that return big strings, long lists, rows of objects or
 * futures completed on other threads: whatever they return, an answer past the limit is stopped while
 * it is built (later fetchers do not run) and refused whole with {@code ANSWER_TOO_LARGE} and no data;
 * answers of one event loop share a budget (503 {@code ANSWERS_BUSY} past it); mutations never run
 * over GET. The endpoint is served over a real socket; the schema is the test's own.
 */
@ExtendWith(VertxExtension.class)
class AnswerLimitsTest {
  static final long ANSWER = 256 * 1024;
  static final long BUDGET = 1024 * 1024;
  static final String SDL = """
    type Query {
      text(bytes: Int!): String
      texts(count: Int!, bytes: Int!): [String]
      later(bytes: Int!): String
      held: String
      rows(count: Int!): [Row]
    }
    type Row { id: Int, text: String }
    type Mutation { bump: Int }
    """;

  final AtomicInteger fetches = new AtomicInteger();
  final AtomicInteger bumps = new AtomicInteger();
  List<DocumentRefusal> refused;
  EndpointServer server;
  final CompletableFuture<Object> held = new CompletableFuture<>();
  GraphQLEndpoint endpoint;
  WebClient client;

  static GraphQLLimits limits() {
    JsonObject settings = SettingValues.defaults()
      .put("GRAPHQL_MAX_ANSWER_BYTES", String.valueOf(ANSWER))
      .put("GRAPHQL_ANSWER_BUDGET_BYTES", String.valueOf(BUDGET));
    return ServiceConfig.from(settings, 96L << 20).graphql();
  }

  String text(DataFetchingEnvironment env) {
    fetches.incrementAndGet();
    return "x".repeat(env.<Integer>getArgument("bytes"));
  }

  @BeforeEach
  void start(Vertx vertx) {
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
      .type("Query", q -> q
        .dataFetcher("text", this::text)
        .dataFetcher("texts", env -> IntStream.range(0, env.<Integer>getArgument("count"))
          .mapToObj(i -> text(env)).toList())
        .dataFetcher("later", env -> CompletableFuture.supplyAsync(() -> text(env)))
        .dataFetcher("held", env -> held)
        .dataFetcher("rows", env -> IntStream.range(0, env.<Integer>getArgument("count"))
          .mapToObj(i -> Map.of("id", i, "text", "r".repeat(100))).toList()))
      .type("Mutation", m -> m.dataFetcher("bump", env -> bumps.incrementAndGet()))
      .build();
    server = new EndpointServer(vertx, SDL, wiring, limits());
    endpoint = server.endpoint;
    client = server.client;
    refused = server.refused;
  }

  @AfterEach
  void everyAnswerGaveBackItsBytes() throws InterruptedException {
    for (int i = 0; i < 100 && endpoint.answersInFlight() != 0; i++) {
      Thread.sleep(10);
    }
    assertThat(endpoint.answersInFlight()).as("bytes of answers still held").isZero();
  }

  HttpResponse<Buffer> post(String query) {
    return Service.await(client.post("/graphql").sendJsonObject(new JsonObject().put("query", query)));
  }

  static String code(HttpResponse<Buffer> resp) {
    return EndpointServer.code(resp);
  }

  void assertTooLarge(HttpResponse<Buffer> resp) {
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(code(resp)).as(resp.bodyAsString()).isEqualTo("ANSWER_TOO_LARGE");
    assertThat(resp.bodyAsJsonObject().containsKey("data")).as("no data, not even partial").isFalse();
    assertThat(resp.body().length()).isLessThan(1_024);
    assertThat(resp.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
      .getLong("limit")).isEqualTo(ANSWER);
  }

  @Test
  void anAnswerWithinTheLimitIsAnsweredWhole() {
    HttpResponse<Buffer> resp = post("{ text(bytes: 250000) rows(count: 10) { id text } }");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("text")).hasSize(250_000);
    assertThat(resp.bodyAsJsonObject().containsKey("errors")).isFalse();
  }

  @Test
  void aFetcherReturningMoreThanTheLimitIsRefusedWhole() {
    assertTooLarge(post("{ text(bytes: 300000) }"));
    assertThat(refused).containsExactly(DocumentRefusal.ANSWER_TOO_LARGE);
  }

  @Test
  void manyAliasesStopBeingFetchedOnceTheLimitIsPassed() {
    String aliases = String.join(" ", IntStream.range(0, 100).mapToObj(i -> "a" + i + ": text(bytes: 10000)").toList());
    assertTooLarge(post("{ " + aliases + " }"));
    // 256 KiB holds 26 of them; the 27th passes the limit, and no later fetcher runs
    assertThat(fetches.get()).isEqualTo(27);
  }

  @Test
  void listsOfLeavesAndRowsOfObjectsAreCounted() {
    assertTooLarge(post("{ texts(count: 30000, bytes: 10) }"));
    assertTooLarge(post("{ rows(count: 5000) { id text } }"));
    assertThat(post("{ rows(count: 100) { id text } }").bodyAsJsonObject().getJsonObject("data")
      .getJsonArray("rows")).hasSize(100);
  }

  @Test
  void valuesCompletedOnOtherThreadsAreCounted() {
    assertTooLarge(post("{ a: later(bytes: 150000) b: later(bytes: 150000) }"));
  }

  @Test
  void answersOfOneCallerHoldAtMostHalfTheBudget() throws InterruptedException {
    // two answers of one caller hold 250 KB each of its half of the 1 MiB budget while they wait for `held`
    List<Future<HttpResponse<Buffer>>> holding = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      holding.add(client.post("/graphql").sendJsonObject(new JsonObject().put("query", "{ text(bytes: 250000) held }")));
    }
    for (int i = 0; i < 500 && endpoint.answersInFlight() < 500_000; i++) {
      Thread.sleep(10);
    }
    assertThat(endpoint.answersInFlight()).isBetween(500_000L, BUDGET / AnswerBudget.USER_SHARE_DIVISOR);
    HttpResponse<Buffer> busy = post("{ text(bytes: 100000) }");
    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.getHeader("Retry-After")).isEqualTo("1");
    assertThat(code(busy)).isEqualTo("ANSWERS_BUSY");
    assertThat(busy.bodyAsJsonObject().containsKey("data")).isFalse();

    held.complete("done");
    for (Future<HttpResponse<Buffer>> answer : holding) {
      assertThat(Service.await(answer).bodyAsJsonObject().getJsonObject("data").getString("held")).isEqualTo("done");
    }
    assertThat(post("{ text(bytes: 100000) }").statusCode()).isEqualTo(200);
    assertThat(refused).containsExactly(DocumentRefusal.ANSWERS_BUSY);
  }

  @Test
  void anAnswerWhoseObjectsCouldNeverFitTheBudgetIsTooLargeNotBusy() {
    // 30,000 one-letter strings: 120 KB of JSON, within the answer limit, but 1.3 MB of objects on the
    // heap while it is built: more than the whole budget, so retrying would never help
    HttpResponse<Buffer> resp = post("{ texts(count: 30000, bytes: 1) }");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(code(resp)).isEqualTo("ANSWER_TOO_LARGE");
    assertThat(resp.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
      .getLong("limit")).isEqualTo(BUDGET);
    assertThat(resp.bodyAsJsonObject().containsKey("data")).isFalse();
    assertThat(post("{ texts(count: 20000, bytes: 1) }").bodyAsJsonObject().getJsonObject("data")
      .getJsonArray("texts")).hasSize(20_000);
  }

  @Test
  void mutationsRunOnlyOverPost() {
    String query = URLEncoder.encode("mutation { bump }", StandardCharsets.UTF_8);
    HttpResponse<Buffer> overGet = Service.await(client.get("/graphql?query=" + query).send());
    assertThat(overGet.statusCode()).isEqualTo(405);
    assertThat(overGet.getHeader("Allow")).isEqualTo("POST");
    assertThat(code(overGet)).isEqualTo("MUTATION_OVER_GET");
    assertThat(bumps.get()).isZero();
    assertThat(post("mutation { bump }").bodyAsJsonObject().getJsonObject("data").getInteger("bump")).isEqualTo(1);
  }

  @Test
  void theRefusedAnswerIsSmallWhateverTheFieldsReturned() {
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    answers.add(post("{ text(bytes: 5000000) }"));
    answers.add(post("{ texts(count: 100000, bytes: 100) }"));
    answers.forEach(this::assertTooLarge);
  }
}
