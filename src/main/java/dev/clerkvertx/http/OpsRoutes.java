package dev.clerkvertx.http;

import dev.clerkvertx.ops.Readiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The operations endpoints, public: {@code /health}, {@code /ready}, {@code /metrics}. */
public final class OpsRoutes implements RouteContributor {
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final Buffer LIVE = Buffer.buffer(new JsonObject().put("status", "UP")
    .put("checks", new JsonArray().add(new JsonObject().put("id", "process").put("status", "UP")))
    .put("outcome", "UP").encode());

  private final Clock clock;
  private final Optional<Duration> keyMaxAge;
  private final AtomicBoolean draining;
  private final PrometheusMeterRegistry registry;

  /**
   * @param keyMaxAge how long a fetched key set may go unconfirmed before readiness fails; empty for fixed keys
   * @param draining  turns readiness off while the process drains
   */
  public OpsRoutes(Clock clock, Optional<Duration> keyMaxAge, AtomicBoolean draining, PrometheusMeterRegistry registry) {
    this.clock = clock;
    this.keyMaxAge = keyMaxAge;
    this.draining = draining;
    this.registry = registry;
  }

  @Override
  public void mount(Routing routing) {
    Router router = routing.router();
    // liveness has nothing to check, and vertx-health-check arms a timer per check per request:
    // answer the same JSON as /ready's handler from a constant
    router.get("/health").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
      .end(LIVE));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(Readiness.readiness(routing.vertx(),
      routing.keys(), clock, keyMaxAge, draining)));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
  }
}
