package dev.clerkvertx.hostile;

import dev.clerkvertx.ops.MetricsSetup;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: made-up HTTP methods, no token needed. Each distinct method name used to become a new
 * Prometheus series (the method label), until the heap ran out. Now: 501 before routing, and the
 * series count stays flat however many distinct names arrive.
 */
class UnknownMethodFloodTest {
  static final int DISTINCT_METHODS = 2_000;
  static final int PER_CONNECTION = 200;

  Vertx vertx;
  Service service;

  @BeforeEach
  void start() {
    vertx = MetricsSetup.vertx(MetricsSetup.registry(), new VertxOptions());
    service = Fixture.start(vertx, "kid-a").service();
  }

  @AfterEach
  void stop() {
    Service.await(vertx.close());
  }

  /** Names and labels of the series, JVM ones aside: they come and go with the collector (a new GC cause is a new series). */
  java.util.Set<String> series() {
    return service.freshMetrics().lines().filter(l -> !l.startsWith("#") && !l.isBlank() && !l.startsWith("jvm_"))
      .map(l -> l.substring(0, l.lastIndexOf(' '))).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  String flood(int from, int count) {
    StringBuilder requests = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      requests.append("QWERTY").append(i).append(" /health HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    return new RawHttp(vertx, service.running.port())
      .exchange(requests.toString(), r -> RawHttp.count(r, "HTTP/1.1 ") >= count && r.endsWith("}"));
  }

  @Test
  void distinctMadeUpMethodsGet501AndAddNoSeries() {
    assertThat(flood(0, 1)).startsWith("HTTP/1.1 501");
    service.metrics();
    var before = series();
    for (int sent = 0; sent < DISTINCT_METHODS; sent += PER_CONNECTION) {
      String answers = flood(1 + sent, PER_CONNECTION);
      assertThat(RawHttp.count(answers, "HTTP/1.1 501 Not Implemented")).isEqualTo(PER_CONNECTION);
    }
    var after = series();
    String text = service.freshMetrics();
    assertThat(after).as("series after %d distinct methods", DISTINCT_METHODS).isEqualTo(before);
    assertThat(before).isNotEmpty();
    assertThat(text).contains("method=\"OTHER\"").doesNotContain("QWERTY");
  }

  @Test
  void standardMethodsKeepTheirOwnLabel() {
    service.get("/health", null);
    assertThat(service.freshMetrics()).contains("method=\"GET\"");
  }
}
