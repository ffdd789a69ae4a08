package dev.clerkvertx.hostile;

import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack on dev mode: a page on {@code rebind.attacker.example} re-points its own name at 127.0.0.1
 * (DNS rebinding); to the browser it is then same-origin with the dev service, so it can POST to
 * {@code /dev/token} ({@code text/plain}: no preflight) and read the token, or read GraphiQL's
 * prefilled one. And with {@code CORS_ALLOWED_ORIGINS=*} any page could read them. Dev routes answer
 * only a loopback {@code Host}, mint only from JSON, and never carry CORS headers.
 */
@ExtendWith(VertxExtension.class)
class DevRebindingTest {
  static final String EVIL = "http://rebind.attacker.example";

  Service service;
  RawHttp raw;

  void start(Vertx vertx, Map<String, String> extra) {
    Map<String, String> env = Service.baseEnv();
    env.putAll(extra);
    service = Service.start(vertx, env, MutableClock.atNow(), true);
    raw = new RawHttp(vertx, service.running.port());
  }

  /** One request over a raw socket, with exactly this Host line; the whole answer. */
  String send(String method, String path, String host, String contentType, String body) {
    StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    if (host != null) {
      req.append("Host: ").append(host).append("\r\n");
    }
    if (contentType != null) {
      req.append("Content-Type: ").append(contentType).append("\r\n");
    }
    req.append("Content-Length: ").append(body.length()).append("\r\nConnection: close\r\n\r\n").append(body);
    return raw.exchange(req.toString(), answer -> false);
  }

  static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rebind.attacker.example:%d", "rebind.attacker.example", "localhost.attacker.example:%d",
    "127.0.0.1.nip.io:%d", "127.0.0.2:%d", "0.0.0.0:%d", "localhost.:%d", "[::ffff:127.0.0.1]:%d"})
  void aForeignHostGetsNoDevTokenNorDevKeys(String hostPattern, Vertx vertx) {
    start(vertx, Map.of());
    String host = hostPattern.formatted(service.running.port());
    String mint = send("POST", "/dev/token", host, "text/plain", "{}");
    assertThat(status(mint)).as(host).isEqualTo(403);
    assertThat(mint).doesNotContain("\"token\"");
    assertThat(status(send("POST", "/dev/token", host, "application/json", "{}"))).as(host).isEqualTo(403);
    assertThat(status(send("GET", "/.well-known/jwks.json", host, null, ""))).as(host).isEqualTo(403);
    String page = send("GET", "/graphiql/", host, null, "");
    assertThat(status(page)).isEqualTo(200);
    assertThat(page).as(host).doesNotContain("Bearer ey").doesNotContain("eyJ");
  }

  @Test
  void twoHostLinesOrNoneAreNotLoopback(Vertx vertx) {
    start(vertx, Map.of());
    String port = ":" + service.running.port();
    String twice = raw.exchange("POST /dev/token HTTP/1.1\r\nHost: localhost" + port + "\r\nHost: rebind.attacker.example"
      + port + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", a -> false);
    assertThat(twice).doesNotContain("\"token\"");
    String none = raw.exchange("POST /dev/token HTTP/1.0\r\nContent-Length: 0\r\n\r\n", a -> false);
    assertThat(none).doesNotContain("\"token\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:%d", "LOCALHOST:%d", "127.0.0.1:%d", "[::1]:%d", "localhost"})
  void loopbackHostNamesMintTokens(String hostPattern, Vertx vertx) {
    start(vertx, Map.of());
    String answer = send("POST", "/dev/token", hostPattern.formatted(service.running.port()), "application/json", "{}");
    assertThat(status(answer)).isEqualTo(200);
    assertThat(answer).contains("\"token\"");
  }

  @Test
  void mintingTakesJsonOnlyExceptAnEmptyPost(Vertx vertx) {
    start(vertx, Map.of());
    String host = "localhost:" + service.running.port();
    assertThat(status(send("POST", "/dev/token", host, "text/plain", "{}"))).isEqualTo(415);
    assertThat(status(send("POST", "/dev/token", host, "application/x-www-form-urlencoded", "{}"))).isEqualTo(415);
    assertThat(status(send("POST", "/dev/token", host, "text/plain", ""))).isEqualTo(415);
    assertThat(status(send("POST", "/dev/token", host, null, "{}"))).as("a body must say it is JSON").isEqualTo(415);
    assertThat(status(send("POST", "/dev/token", host, "application/json; charset=utf-8", "{}"))).isEqualTo(200);
    // the README's `curl -s -X POST .../dev/token`: no body, no Content-Type
    assertThat(status(send("POST", "/dev/token", host, null, ""))).isEqualTo(200);
  }

  @Test
  void devAnswersNeverCarryCorsHeadersEvenWithAWildcard(Vertx vertx) {
    start(vertx, Map.of("CORS_ALLOWED_ORIGINS", "*"));
    HttpResponse<Buffer> mint = Service.await(service.client.post("/dev/token").putHeader("Origin", EVIL)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}")));
    assertThat(mint.statusCode()).isEqualTo(200);
    assertNoCors(mint);
    HttpResponse<Buffer> preflight = service.send(service.client.request(HttpMethod.OPTIONS, "/dev/token")
      .putHeader("Origin", EVIL).putHeader("Access-Control-Request-Method", "POST")
      .putHeader("Access-Control-Request-Headers", "content-type"));
    assertNoCors(preflight);
    assertNoCors(service.send(service.client.get("/.well-known/jwks.json").putHeader("Origin", EVIL)));
    HttpResponse<Buffer> page = service.send(service.client.get("/graphiql/").putHeader("Origin", EVIL));
    assertThat(page.bodyAsString()).contains("Bearer ");
    assertNoCors(page);
    // CORS itself is on: the API still answers the wildcard
    assertThat(service.send(service.client.get("/health").putHeader("Origin", EVIL)).getHeader("Access-Control-Allow-Origin"))
      .isEqualTo("*");
  }

  static void assertNoCors(HttpResponse<Buffer> resp) {
    assertThat(resp.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("access-control-"));
  }

  @Test
  void theGraphiQLTokenStillWorksForTheLocalDeveloper(Vertx vertx) {
    start(vertx, Map.of());
    String page = send("GET", "/graphiql/", "localhost:" + service.running.port(), null, "");
    String token = page.replaceAll("(?s).*\"Authorization\":\"Bearer ([^\"]+)\".*", "$1");
    assertThat(service.get("/me", token).bodyAsJsonObject().getString("userId")).isEqualTo("user_dev");
  }
}
