package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (issue 15, item 7, GraphQL part): a page on another site makes the victim's browser send
 * {@code POST /graphql?query={…}} with {@code Content-Type: text/plain} and the session cookie. Such a
 * "simple" request needs no preflight, and the query string was executed whatever the body: 200 with
 * data. Now a POST takes a JSON body only: any other type (none, text/plain, a form, multipart) gets
 * 415 before its body is read, and a POST's query string is never run. GET keeps working; JSON with a
 * charset parameter too.
 */
@ExtendWith(VertxExtension.class)
class GraphQLCrossSiteTest {
  static final String PING = "{ pingOne(id: \"csrf\") }";

  Fixture world;
  Service service;
  String token;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "kid-a");
    service = world.service();
    token = world.token();
  }

  String queryString() {
    return "/graphql?query=" + URLEncoder.encode(PING, StandardCharsets.UTF_8);
  }

  /** The browser's request: the session cookie (with a signed-in client marker), a cross-site origin. */
  HttpRequest<Buffer> fromAnotherSite(String uri) {
    return service.client.post(uri)
      .putHeader("Cookie", "__session=" + token + "; __client_uat=1")
      .putHeader("Origin", "https://evil.example")
      .putHeader("Sec-Fetch-Site", "cross-site");
  }

  static void assertNoData(HttpResponse<Buffer> resp, int status) {
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(status);
    assertThat(resp.bodyAsString()).doesNotContain("GraphQL Ping").doesNotContain("\"data\"");
  }

  @Test
  void aTextPlainPostWithTheQueryInItsUrlIsRefusedWithNoData() {
    HttpResponse<Buffer> resp = Service.await(fromAnotherSite(queryString())
      .putHeader("Content-Type", "text/plain;charset=UTF-8").sendBuffer(Buffer.buffer("x")));
    // signed in by the cookie from another site: refused before the endpoint by the cookie-origin rule
    assertNoData(resp, 403);
    assertThat(resp.bodyAsJsonObject().getString("reason")).isEqualTo("cookie_cross_site");
    // the same with the bearer header: the rule is the endpoint's, whatever signs the caller in
    assertNoData(Service.await(service.client.post(queryString()).bearerTokenAuthentication(token)
      .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("x"))), 415);
  }

  @Test
  void everySimpleRequestTypeGets415() {
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
      "application/graphql", "application/graphql-response+json", "application/jsonx", "text/json",
      "application/json; charset=iso-8859-1")) {
      HttpResponse<Buffer> resp = Service.await(service.client.post(queryString()).bearerTokenAuthentication(token)
        .putHeader("Content-Type", type).sendBuffer(Buffer.buffer("query=" + PING)));
      assertNoData(resp, 415);
    }
  }

  @Test
  void aPostWithoutContentTypeGets415() {
    // fetch() with a Blob body of no type sends no Content-Type at all: also a simple request
    RawHttp raw = new RawHttp(service.vertx, service.running.port());
    String answer = raw.exchange("POST " + queryString() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
      + token + "\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx", a -> false);
    assertThat(answer).startsWith("HTTP/1.1 415").doesNotContain("GraphQL Ping");
  }

  @Test
  void aJsonPostRunsItsBodyNeverItsQueryString() {
    HttpResponse<Buffer> resp = Service.await(service.client.post(queryString()).bearerTokenAuthentication(token)
      .sendJsonObject(new JsonObject().put("query", "{ pingOne(id: \"body\") }")));
    assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("pingOne")).isEqualTo("GraphQL Ping #body!");
    HttpResponse<Buffer> urlOnly = Service.await(service.client.post(queryString()).bearerTokenAuthentication(token)
      .sendJsonObject(new JsonObject()));
    assertNoData(urlOnly, 400);
  }

  @Test
  void jsonWithACharsetAndGetKeepWorking() {
    for (String type : List.of("application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"")) {
      HttpResponse<Buffer> resp = Service.await(service.client.post("/graphql").bearerTokenAuthentication(token)
        .putHeader("Content-Type", type).sendBuffer(new JsonObject().put("query", PING).toBuffer()));
      assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("pingOne")).as(type).isEqualTo("GraphQL Ping #csrf!");
    }
    assertThat(service.get(queryString(), token).bodyAsJsonObject().getJsonObject("data").getString("pingOne"))
      .isEqualTo("GraphQL Ping #csrf!");
  }
}
