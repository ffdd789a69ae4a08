package dev.clerkvertx.ops;

import dev.clerkvertx.jwks.KeySet;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /ready}'s checks: {@code keys} (a key set is loaded and, when it is refreshed from a JWKS,
 * was confirmed by a fetch within {@link #maxKeyAge}), {@code accepting} (not draining) and
 * {@code load} (the overload manager is not shedding requests).
 * Probes are infrequent; note that vertx-health-check arms a timer per check per request.
 */
public final class Readiness {
  private Readiness() {
  }

  /** Three refresh periods plus the longest retry delay: two missed refreshes are tolerated, a long outage is not. */
  public static Duration maxKeyAge(Duration refresh) {
    return refresh.multipliedBy(3).plusSeconds(30);
  }

  /**
   * @param keys   the key set the verticle verifies with now (null before the first)
   * @param maxAge empty when keys never age (networkless PEM key, dev mode)
   * @param shedding true while the overload manager sheds requests
   */
  public static HealthChecks readiness(Vertx vertx, Supplier<KeySet> keys, Clock clock, Optional<Duration> maxAge,
                                       AtomicBoolean draining, BooleanSupplier shedding) {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("keys", promise -> {
      KeySet current = keys.get();
      if (current == null) {
        promise.complete(Status.KO(new JsonObject().put("reason", "no verification keys loaded yet")));
        return;
      }
      long ageSeconds = Duration.between(current.loadedAt(), clock.instant()).toSeconds();
      JsonObject data = new JsonObject().put("keys", current.keys().size()).put("ageSeconds", ageSeconds)
        .put("generation", current.generation());
      if (maxAge.isPresent() && ageSeconds > maxAge.get().toSeconds()) {
        promise.complete(Status.KO(data.put("reason", "keys not refreshed for over " + maxAge.get().toSeconds() + " s")));
      } else {
        promise.complete(Status.OK(data));
      }
    });
    checks.register("accepting", promise -> promise.complete(draining.get()
      ? Status.KO(new JsonObject().put("reason", "shutting down"))
      : Status.OK()));
    checks.register("load", promise -> promise.complete(shedding.getAsBoolean()
      ? Status.KO(new JsonObject().put("reason", "overloaded: shedding load"))
      : Status.OK()));
    return checks;
  }
}
