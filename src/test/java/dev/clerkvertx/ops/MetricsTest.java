package dev.clerkvertx.ops;

import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.JwksServer;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics in Prometheus text format, with Vert.x's HTTP metrics and the service's own, labels bounded. */
class MetricsTest {
  Vertx vertx;
  JwksServer jwks;
  MutableClock clock;
  Service service;

  @BeforeEach
  void start() {
    // the same metrics as Main
    vertx = MetricsSetup.vertx(MetricsSetup.registry(), new VertxOptions());
    jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    clock = MutableClock.atNow();
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", jwks.baseUrl());
    service = Service.start(vertx, env, clock);
  }

  @AfterEach
  void stop() {
    Service.await(vertx.close());
  }

  static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
    assertThat(m.find()).as(series + " in\n" + text).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void metricsAreServedOnTheManagementPortOnly() {
    assertThat(service.get("/metrics", null).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> resp = service.metrics();
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsString()).contains("clerk_auth_total").contains("clerk_http_body_bytes");
    assertThat(service.running.managementPort()).isNotEqualTo(service.running.port());
    // the management listener answers nothing else
    assertThat(Service.await(service.client.get(service.running.managementPort(), "127.0.0.1", "/ready").send())
      .statusCode()).isEqualTo(404);
  }

  /**
   * The JVM's series, bound by {@link JvmMeters} once the listeners are open (not while Vert.x is created),
   * are there when the start completes: memory, GC, threads, classes, compilation, CPU, uptime; the
   * undeployment removes the binders' GC listeners.
   */
  @Test
  void theJvmsSeriesAreServedFromTheStart() {
    String text = service.metrics().bodyAsString();
    for (String series : List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
      "jvm_classes_loaded_classes", "jvm_compilation_time_ms_total", "jvm_info", "process_cpu_usage", "system_cpu_count",
      "process_uptime_seconds", "jvm_gc_overhead")) {
      assertThat(text).as(series).containsPattern("(?m)^" + series + "[ {]");
    }
  }

  @Test
  void aFloodOfScrapesIsAnsweredFromOneRenderPerSecond() {
    String valid = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"), Claims.valid(clock, jwks.baseUrl()));
    String first = service.metrics().bodyAsString();
    double accepted = value(first, "clerk_auth_total{outcome=\"accepted\"}");
    List<Future<HttpResponse<Buffer>>> scrapes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      scrapes.add(service.client.get(service.running.managementPort(), "127.0.0.1", "/metrics").send());
      if (i % 20 == 0) {
        assertThat(service.get("/rest-endpoints/1", valid).statusCode()).isEqualTo(200);
      }
    }
    // within the same second of the service's clock: every scrape is the first render, byte for byte
    for (Future<HttpResponse<Buffer>> scrape : scrapes) {
      assertThat(Service.await(scrape).bodyAsString()).isEqualTo(first);
    }
    clock.advance(ScrapeCache.PERIOD);
    assertThat(value(service.metrics().bodyAsString(), "clerk_auth_total{outcome=\"accepted\"}"))
      .isEqualTo(accepted + 10);
  }

  @Test
  void exposesAuthOutcomesFetchesKeysAndCacheInPrometheusFormat() {
    String valid = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"), Claims.valid(clock, jwks.baseUrl()));
    String expired = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"),
      Claims.valid(clock, jwks.baseUrl()).put("exp", clock.epochSecond() - 100));
    service.get("/rest-endpoints/12345", valid);
    service.get("/rest-endpoints/12345", valid);
    service.get("/rest-endpoints/12345", expired);
    service.get("/rest-endpoints/12345", null);
    service.get("/rest-endpoints/12345", "garbage");

    HttpResponse<Buffer> resp = service.metrics();
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("Content-Type")).startsWith("text/plain");
    String text = resp.bodyAsString();
    assertThat(value(text, "clerk_auth_total{outcome=\"accepted\"}")).isEqualTo(2.0);
    assertThat(value(text, "clerk_auth_total{outcome=\"expired\"}")).isEqualTo(1.0);
    assertThat(value(text, "clerk_auth_total{outcome=\"missing\"}")).isEqualTo(1.0);
    assertThat(value(text, "clerk_auth_total{outcome=\"malformed\"}")).isEqualTo(1.0);
    assertThat(value(text, "clerk_auth_total{outcome=\"bad_signature\"}")).isEqualTo(0.0);
    assertThat(value(text, "clerk_jwks_fetches_total{result=\"success\"}")).isEqualTo(1.0);
    assertThat(value(text, "clerk_jwks_fetches_total{result=\"jwks_timeout\"}")).isEqualTo(0.0);
    assertThat(value(text, "clerk_jwks_keys")).isEqualTo(1.0);
    assertThat(value(text, "clerk_jwks_age_seconds")).isGreaterThanOrEqualTo(0.0);
    assertThat(value(text, "clerk_token_cache_hits_total")).isEqualTo(1.0);
    assertThat(value(text, "clerk_token_cache_misses_total")).isGreaterThanOrEqualTo(2.0);
    assertThat(text).contains("vertx_http_server_requests_total");
    assertThat(text).contains("route=\"/rest-endpoints/:id\"");
    // bounded labels: no raw path, no token, no user id
    assertThat(text).doesNotContain("/rest-endpoints/12345").doesNotContain("user_2xyz").doesNotContain(valid.substring(valid.length() - 20));
  }
}
