package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.ForkedService;
import dev.clerkvertx.support.JwksServer;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not an attack: a busy multi-tenant day, where each signed-in user brings a large session (an
 * organisation with forty long feature names of its own), fills the heap of a small process (48 MiB,
 * SerialGC, its own JVM) past {@code OVERLOAD_HEAP_PERCENT} (here 50 %). The overload manager sheds:
 * requests 503 with {@code Retry-After}, {@code /ready} 503, {@code /health} still 200, the session
 * cache stops admitting; the process does not die. When the pressure falls (the sessions' key is
 * rotated out, so the cache drops them) it recovers by itself. Sessions are sent at about 100 a second,
 * so that the manager (which measures each second) sees the heap cross its threshold.
 */
@ExtendWith(VertxExtension.class)
class OverloadRecoveryTest {
  static final List<String> SMALL_HEAP = List.of("-XX:+UseSerialGC", "-Xms48m", "-Xmx48m", "-Xmn8m",
    "-XX:+ExitOnOutOfMemoryError", "-Xss512k");

  @TempDir
  Path dir;

  /** A v2 session of its own organisation with forty long feature names no other session has. */
  static String largeSession(MutableClock clock, String issuer, int n) {
    String features = IntStream.range(0, 40)
      .mapToObj(i -> "o:feature_" + n + "_" + i + "_" + "x".repeat(180)).collect(Collectors.joining(","));
    String masks = IntStream.range(0, 40).mapToObj(i -> "1").collect(Collectors.joining(","));
    JsonObject claims = Claims.valid(clock, issuer).put("sid", "sess_" + n).put("sub", "user_" + n)
      .put("fea", features)
      .put("o", new JsonObject().put("id", "org_" + n).put("slg", "tenant-" + n).put("rol", "admin")
        .put("per", "read").put("fpm", masks));
    return Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"), claims);
  }

  static String tail(ForkedService service) {
    try {
      String log = service.output();
      return log.substring(Math.max(0, log.length() - 2_000));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  @Test
  void aHeapFilledByHonestSessionsIsShedThenRecoversByItself(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    MutableClock clock = MutableClock.atNow();
    try (ForkedService service = ForkedService.start(dir, SMALL_HEAP, Map.of(
      "CLERK_ISSUER_URL", jwks.baseUrl(), "CLERK_JWKS_REFRESH_SECONDS", "10", "CLERK_JWKS_COOLDOWN_SECONDS", "5", "HTTP_INSTANCES", "1",
      "HTTP_MAX_CONNECTIONS", "64", "GRAPHQL_DOCUMENT_CACHE_BYTES", "262144", "OVERLOAD_HEAP_PERCENT", "50"))) {
      service.awaitReady(vertx);
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port).setKeepAlive(false));

      // sessions arrive until the service sheds; each one is 200 until then
      int sent = 0;
      boolean shedding = false;
      while (!shedding) {
        assertThat(sent).as("sessions sent before any shedding").isLessThan(3_000);
        List<Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++, sent++) {
          batch.add(client.get("/rest-endpoints/" + sent).bearerTokenAuthentication(largeSession(clock, jwks.baseUrl(), sent))
            .timeout(10_000).send());
        }
        for (Future<HttpResponse<Buffer>> f : batch) {
          // a connection may be closed under a request the moment shedding starts (idle ones are closed)
          int status = Service.await(f.map(HttpResponse::statusCode)
            .otherwise(e -> e instanceof HttpClosedException ? 0 : -1));
          int answered = sent;
          assertThat(status).as(() -> "answers to " + answered + " sessions; process alive: " + service.alive()
            + "; its log: " + tail(service)).isIn(200, 503, 0);
          shedding |= status == 503;
        }
        assertThat(service.alive()).as("process alive after %d sessions: %s", sent, service.output()).isTrue();
        Thread.sleep(150);
      }

      WebClient fresh = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port).setKeepAlive(false));
      HttpResponse<Buffer> shed = Service.await(fresh.get("/rest-endpoints/1")
        .bearerTokenAuthentication(largeSession(clock, jwks.baseUrl(), 0)).send());
      assertThat(shed.statusCode()).isEqualTo(503);
      assertThat(shed.getHeader("Retry-After")).isEqualTo("5");
      assertThat(shed.bodyAsString()).isEqualTo("{\"message\":\"Service Unavailable\",\"statusCode\":503}");
      assertThat(Service.await(fresh.get("/ready").send()).statusCode()).isEqualTo(503);
      assertThat(Service.await(fresh.get("/health").send()).statusCode()).isEqualTo(200);

      // the sessions' key is rotated out: the cache drops them at the next refresh, the heap empties
      jwks.serve(TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
      String fresher = Tokens.rs256(TestKeys.RSA_B.getPrivate(), Claims.header("kid-b"), Claims.valid(clock, jwks.baseUrl()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      int ready = 0;
      while (ready != 200) {
        assertThat(System.nanoTime()).as("recovered: %s", service.output()).isLessThan(deadline);
        Thread.sleep(200);
        ready = Service.await(fresh.get("/ready").send()).statusCode();
      }
      assertThat(Service.await(fresh.get("/rest-endpoints/7").bearerTokenAuthentication(fresher).send()).bodyAsString())
        .isEqualTo("REST Ping #7!");
      assertThat(service.alive()).isTrue();
      String log = service.output();
      assertThat(log.lines().filter(l -> l.contains("Overload (heap)")).toList()).as("one WARN per episode")
        .singleElement().asString().contains(" WARN ");
      assertThat(log.lines().filter(l -> l.contains("Overload over (heap)")).toList()).as("one INFO on recovery")
        .singleElement().asString().contains(" INFO ");
      assertThat(log).doesNotContain("OutOfMemoryError");
    }
  }
}
