package dev.clerkvertx.ops;

import dev.clerkvertx.jwks.KeySet;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /ready}: 200 when both checks are up, else 503, in vertx-health-check's JSON shape.
 * {@code keys}: a key set is loaded and, when it is refreshed from a JWKS, was confirmed by a fetch
 * within {@link #maxKeyAge}; {@code accepting}: not draining; {@code load}: the overload manager is not
 * shedding requests (a load balancer then sends the traffic to other replicas). Answered from the state the verticle
 * and the drain keep current: no timer, no promise, nothing held per request (vertx-health-check
 * armed a 1 s timer per check per request, so a flood of probes grew the heap). The encoded answer
 * is kept while its inputs are unchanged, so at most one render per second. One instance per event loop.
 */
public final class Readiness implements Handler<RoutingContext> {
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json;charset=UTF-8");

  private final Supplier<KeySet> keys;
  private final Clock clock;
  private final Optional<Duration> maxAge;
  private final AtomicBoolean draining;
  private final BooleanSupplier shedding;
  private KeySet lastKeys;
  private boolean lastShedding;
  private long lastAgeSeconds = -1;
  private boolean lastDraining;
  private Buffer lastBody;
  private boolean lastUp;

  /**
   * @param keys   the key set the verticle verifies with now (null before the first)
   * @param maxAge empty when keys never age (networkless PEM key, dev mode)
   * @param shedding true while the overload manager sheds requests
   */
  public Readiness(Supplier<KeySet> keys, Clock clock, Optional<Duration> maxAge, AtomicBoolean draining,
                   BooleanSupplier shedding) {
    this.keys = keys;
    this.clock = clock;
    this.maxAge = maxAge;
    this.draining = draining;
    this.shedding = shedding;
  }

  /** Three refresh periods plus the longest retry delay: two missed refreshes are tolerated, a long outage is not. */
  public static Duration maxKeyAge(Duration refresh) {
    return refresh.multipliedBy(3).plusSeconds(30);
  }

  @Override
  public void handle(RoutingContext ctx) {
    KeySet current = keys.get();
    long ageSeconds = current == null ? -1 : Duration.between(current.loadedAt(), clock.instant()).toSeconds();
    boolean drain = draining.get();
    boolean shed = shedding.getAsBoolean();
    if (lastBody == null || current != lastKeys || ageSeconds != lastAgeSeconds || drain != lastDraining
      || shed != lastShedding) {
      JsonObject answer = check(current, ageSeconds, drain, shed);
      lastShedding = shed;
      lastKeys = current;
      lastAgeSeconds = ageSeconds;
      lastDraining = drain;
      lastUp = "UP".equals(answer.getString("status"));
      lastBody = answer.toBuffer();
    }
    ctx.response().setStatusCode(lastUp ? 200 : 503).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
      .end(lastBody);
  }

  /** The answer now, as JSON: {@code status}, {@code checks} ({@code id}, {@code status}, {@code data}), {@code outcome}. */
  public JsonObject check() {
    KeySet current = keys.get();
    return check(current, current == null ? -1 : Duration.between(current.loadedAt(), clock.instant()).toSeconds(),
      draining.get(), shedding.getAsBoolean());
  }

  private JsonObject check(KeySet current, long ageSeconds, boolean drain, boolean shed) {
    JsonObject keysCheck;
    if (current == null) {
      keysCheck = result("keys", false, new JsonObject().put("reason", "no verification keys loaded yet"));
    } else {
      JsonObject data = new JsonObject().put("keys", current.keys().size()).put("ageSeconds", ageSeconds)
        .put("generation", current.generation());
      boolean stale = maxAge.isPresent() && ageSeconds > maxAge.get().toSeconds();
      if (stale) {
        data.put("reason", "keys not refreshed for over " + maxAge.get().toSeconds() + " s");
      }
      keysCheck = result("keys", !stale, data);
    }
    JsonObject accepting = result("accepting", !drain, drain ? new JsonObject().put("reason", "shutting down") : null);
    JsonObject load = result("load", !shed, shed ? new JsonObject().put("reason", "overloaded: shedding load") : null);
    String outcome = "UP".equals(keysCheck.getString("status")) && !drain && !shed ? "UP" : "DOWN";
    return new JsonObject().put("status", outcome).put("checks", new JsonArray().add(keysCheck).add(accepting).add(load))
      .put("outcome", outcome);
  }

  private static JsonObject result(String id, boolean up, JsonObject data) {
    JsonObject json = new JsonObject().put("id", id).put("status", up ? "UP" : "DOWN");
    return data == null ? json : json.put("data", data);
  }
}
