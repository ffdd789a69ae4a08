package dev.clerkvertx.http;

import dev.clerkvertx.ops.Readiness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** The public operations endpoints: {@code /health}, {@code /ready} ({@code /metrics} has its own port). */
public final class OpsRoutes implements RouteContributor {
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final Buffer LIVE = Buffer.buffer(new JsonObject().put("status", "UP")
    .put("checks", new JsonArray().add(new JsonObject().put("id", "process").put("status", "UP")))
    .put("outcome", "UP").encode());

  private final Clock clock;
  private final Optional<Duration> keyMaxAge;
  private final AtomicBoolean draining;
  private final BooleanSupplier shedding;

  /**
   * @param keyMaxAge how long a fetched key set may go unconfirmed before readiness fails; empty for fixed keys
   * @param draining  turns readiness off while the process drains
   * @param shedding  turns readiness off while the overload manager sheds requests
   */
  public OpsRoutes(Clock clock, Optional<Duration> keyMaxAge, AtomicBoolean draining, BooleanSupplier shedding) {
    this.clock = clock;
    this.keyMaxAge = keyMaxAge;
    this.draining = draining;
    this.shedding = shedding;
  }

  @Override
  public void mount(Routing routing) {
    Router router = routing.router();
    // liveness has nothing to check, and vertx-health-check arms a timer per check per request:
    // answer the same JSON as /ready's handler from a constant
    router.get("/health").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
      .end(LIVE));
    router.get("/ready").handler(new Readiness(routing.keys(), clock, keyMaxAge, draining, shedding));
    // /metrics is served on the management port only (ops.ManagementServer)
  }
}
