package dev.clerkvertx.hostile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.clerkvertx.ops.MetricsSetup;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (issue 15, item 9): client input that answered 500. {@code query($x: Long =
 * 99999999999999999999){pingOne(id:"1")}} (POST or GET) made {@code LongScalar.parseLiteral} throw an
 * {@code ArithmeticException} that graphql-java's validation does not catch: a 500 and a 7.4 KB ERROR
 * stack trace per request (the log grew 143 MiB in 10 s under wrk). Now a GraphQL error, and no log
 * line. Then a fuzz of requests no client should send (wrong types, huge numbers, objects for scalars,
 * null for non-null, odd operation names and extensions, broken JSON in the body or in GET's
 * {@code variables}): each gets a 4xx or a 200 with {@code errors}, never a 5xx and never an ERROR line.
 */
class GraphQLInputFuzzTest {
  static final String LONG_LITERAL = "query($x: Long = 99999999999999999999){pingOne(id:\"1\")}";

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  Vertx vertx;
  Service service;
  String token;

  @BeforeEach
  void start() {
    appender.start();
    root.addAppender(appender);
    vertx = MetricsSetup.vertx(MetricsSetup.registry(), new VertxOptions());
    Fixture world = Fixture.start(vertx, "kid-a");
    service = world.service();
    token = world.token();
  }

  @AfterEach
  void stop() {
    root.detachAppender(appender);
    Service.await(vertx.close());
  }

  HttpResponse<Buffer> post(String body) {
    return Service.await(service.client.post("/graphql").bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  HttpResponse<Buffer> get(String rawQueryString) {
    return Service.await(service.client.get("/graphql?" + rawQueryString).bearerTokenAuthentication(token).send());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A 4xx with a JSON body, or a 200 with errors or data: never a 5xx. */
  static void assertClientError(String what, HttpResponse<Buffer> resp) {
    assertThat(resp.statusCode()).as(what + " -> " + resp.bodyAsString()).isBetween(200, 499).isNotIn(201, 204);
    JsonObject body = resp.bodyAsJsonObject();
    assertThat(resp.statusCode() == 200 ? body.containsKey("errors") || body.containsKey("data")
      : body.containsKey("message")).as(what + " -> " + resp.bodyAsString()).isTrue();
  }

  void assertNoErrorLines() {
    assertThat(appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
      .map(ILoggingEvent::getFormattedMessage).toList()).isEmpty();
  }

  @Test
  void aLongLiteralPastSixtyFourBitsIsAGraphQLErrorNotA500() {
    for (int i = 0; i < 20; i++) {
      HttpResponse<Buffer> posted = service.graphql(LONG_LITERAL, token);
      assertThat(posted.statusCode()).isEqualTo(200);
      assertThat(posted.bodyAsJsonObject().getJsonArray("errors").encode()).contains("Long");
      HttpResponse<Buffer> got = get("query=" + enc(LONG_LITERAL));
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(got.bodyAsJsonObject().getJsonArray("errors")).isNotEmpty();
    }
    assertThat(service.graphql(LONG_LITERAL, token).bodyAsString()).contains("BadValueForDefaultArg");
    // the largest Long is a good default (the variable is unused: the schema takes no Long argument)
    assertThat(service.graphql("query($x: Long = 9223372036854775807){pingOne(id:\"1\")}", token).bodyAsString())
      .doesNotContain("BadValueForDefaultArg").contains("UnusedVariable");
    assertNoErrorLines();
    assertThat(service.freshMetrics()).contains("clerk_failures_total{logged=\"true\"} 0.0")
      .contains("clerk_failures_total{logged=\"false\"} 0.0");
  }

  @Test
  void weirdBodiesAreClientErrors() {
    String ping = "\"{pingOne(id:\\\"1\\\")}\"";
    String longVar = "\"query($x: Long){pingOne(id:\\\"1\\\")}\"";
    String idVar = "\"query($id: String!){pingOne(id:$id)}\"";
    List<String> bodies = new ArrayList<>(List.of(
      "", "null", "5", "\"text\"", "[]", "[{\"query\":" + ping + "}]", "{", "{}", "{\"query\":null}",
      "{\"query\":5}", "{\"query\":{\"a\":1}}", "{\"query\":[" + ping + "]}", "{\"query\":\"\"}",
      "{\"query\":" + ping + ",\"operationName\":5}", "{\"query\":" + ping + ",\"operationName\":{\"a\":1}}",
      "{\"query\":" + ping + ",\"operationName\":\"Nope\"}",
      "{\"query\":\"query A{pingOne(id:\\\"1\\\")} query B{me{userId}}\"}",
      "{\"query\":\"query A{pingOne(id:\\\"1\\\")} query B{me{userId}}\",\"operationName\":\"\"}",
      "{\"query\":" + ping + ",\"variables\":\"not json\"}", "{\"query\":" + ping + ",\"variables\":[1,2]}",
      "{\"query\":" + ping + ",\"variables\":5}", "{\"query\":" + ping + ",\"extensions\":\"x\"}",
      "{\"query\":" + ping + ",\"extensions\":[1]}",
      "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"abc\"}}}",
      "{\"query\":" + ping + ",\"initialValue\":{\"pingOne\":\"forged\"}}",
      "{\"query\":\"{ pingOne(id: \\\"1\\\") @skip(if: $undefined) }\"}",
      "{\"query\":\"subscription { pingOne(id: \\\"1\\\") }\"}", "{\"query\":\"mutation { pingOne(id: \\\"1\\\") }\"}",
      "{\"query\":\"{ pingOne(id: 1) }\"}", "{\"query\":\"{ pingOne }\"}", "{\"query\":\"{ nope }\"}",
      "{\"query\":\"query($x: Long = 1.5){pingOne(id:\\\"1\\\")}\"}",
      "{\"query\":\"query($x: Long = \\\"1\\\"){pingOne(id:\\\"1\\\")}\"}",
      "{\"query\":\"query($x: Long = -99999999999999999999){pingOne(id:\\\"1\\\")}\"}",
      "{\"query\":\"query($x: Long = 9223372036854775808){pingOne(id:\\\"1\\\")}\"}",
      "{\"query\":\"query($x: Int = 99999999999){pingOne(id:\\\"1\\\")}\"}",
      "{\"query\":\"query($x: Float = 1e400){pingOne(id:\\\"1\\\")}\"}",
      "{\"query\":\"query($x: Long = " + "9".repeat(5_000) + "){pingOne(id:\\\"1\\\")}\"}",
      "{\"query\":" + idVar + "}", "{\"query\":" + idVar + ",\"variables\":{\"id\":null}}",
      "{\"query\":" + idVar + ",\"variables\":{\"id\":5}}", "{\"query\":" + idVar + ",\"variables\":{\"id\":true}}",
      "{\"query\":" + idVar + ",\"variables\":{\"id\":[\"a\"]}}",
      "{\"query\":" + idVar + ",\"variables\":{\"id\":" + "{\"a\":".repeat(400) + "1" + "}".repeat(400) + "}}",
      "{\"query\":" + idVar + ",\"variables\":{\"id\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}}",
      "{\"query\":" + idVar + ",\"variables\":{\"id\":1" + "0".repeat(3_000) + "}}"));
    for (String value : List.of("1e400", "99999999999999999999", "-99999999999999999999", "1.5", "\"12\"",
      "{\"a\":1}", "[1]", "true", "null", "-0.0", "1E+19", "9.223372036854775807E18")) {
      bodies.add("{\"query\":" + longVar + ",\"variables\":{\"x\":" + value + "}}");
    }
    for (String body : bodies) {
      assertClientError(body.length() > 120 ? body.substring(0, 120) : body, post(body));
    }
    assertThat(post("{\"query\":" + ping + ",\"initialValue\":{\"pingOne\":\"forged\"}}").bodyAsString())
      .doesNotContain("forged");
    assertNoErrorLines();
  }

  @Test
  void weirdQueryStringsAreClientErrors() {
    String ping = enc("{pingOne(id:\"1\")}");
    List<String> queries = List.of("", "query=", "variables=" + enc("{}"), "query=" + ping + "&variables=notjson",
      "query=" + ping + "&variables=" + enc("[1]"), "query=" + ping + "&variables=" + enc("{\"a\":"),
      "query=" + ping + "&extensions=" + enc("{bad"), "query=" + ping + "&operationName=Nope",
      "query=" + enc("query($x: Long){pingOne(id:\"1\")}") + "&variables=" + enc("{\"x\":1e400}"),
      "query=" + enc("query($id: String!){pingOne(id:$id)}") + "&variables=" + enc("{\"id\":{\"a\":[1]}}"),
      "query=" + enc("{ pingOne(id: \"1\") }") + "&query=" + enc("{ me { userId } }") + "&variables=%ZZ",
      "query=%E0%80%80");
    for (String q : queries) {
      assertClientError(q, get(q));
    }
    assertNoErrorLines();
  }

  @Test
  void invalidUtf8AndAnOddCharsetAreClientErrors() {
    RawHttp raw = new RawHttp(vertx, service.running.port());
    String body = "{\"query\":\"{pingOne(id:\\\"\u00ff\u00fe\\\")}\"}";
    String answer = raw.exchange("POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
      + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
      + body, a -> false);
    assertThat(answer).startsWith("HTTP/1.1 400");
    HttpResponse<Buffer> utf16 = Service.await(service.client.post("/graphql").bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/json; charset=utf-16").sendBuffer(Buffer.buffer("{\"query\":\"{me{userId}}\"}")));
    assertThat(utf16.statusCode()).isEqualTo(415);
    assertNoErrorLines();
  }
}
