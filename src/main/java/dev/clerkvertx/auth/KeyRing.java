package dev.clerkvertx.auth;

import dev.clerkvertx.jwks.KeyBus;
import dev.clerkvertx.jwks.KeySet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * One HTTP verticle's view of the verification keys. Receives each new set from the key owner and
 * swaps it in whole; a request keeps the {@link VerificationKeys} it started with. Asks the owner
 * for a refresh when a token names an unknown {@code kid}: one question at a time per verticle, and
 * none at all while the owner's cooldown runs, so a flood of unknown kids costs nothing.
 * Confined to its verticle's event loop.
 */
public final class KeyRing {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);

  private final Vertx vertx;
  private final Clock clock;
  private final Duration skew;
  private VerificationKeys current;
  private Future<VerificationKeys> pendingRefresh;
  private long refreshBlockedUntil;

  public KeyRing(Vertx vertx, Clock clock, Duration skew) {
    this.vertx = vertx;
    this.clock = clock;
    this.skew = skew;
  }

  /** Subscribes to the owner's updates and asks for the current set; completes either way. */
  public Future<Void> start() {
    vertx.eventBus().<JsonObject>localConsumer(KeyBus.UPDATED, msg -> install(KeySet.fromJson(msg.body())));
    return vertx.eventBus().<JsonObject>request(KeyBus.CURRENT, null)
      .onSuccess(msg -> install(KeySet.fromJson(msg.body())))
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }

  /** The keys in use, or null while none has been loaded. */
  public VerificationKeys current() {
    return current;
  }

  void install(KeySet set) {
    VerificationKeys previous = current;
    if (previous != null && set.generation() <= previous.keySet().generation()) {
      return;
    }
    if (previous != null && previous.keySet().sameKeysAs(set)) {
      current = new VerificationKeys(set, previous.provider());
      return;
    }
    try {
      current = VerificationKeys.build(vertx, set, skew);
    } catch (RuntimeException e) {
      LOG.error("Key set generation {} not installed: {}", set.generation(), e.getMessage());
    }
  }

  /**
   * Resolves the keys after asking the owner about {@code kid}. Yields the current keys at once
   * while the owner's cooldown runs; the caller checks whether the result has the kid.
   */
  public Future<VerificationKeys> refreshFor(String kid) {
    if (clock.millis() < refreshBlockedUntil) {
      return Future.succeededFuture(current);
    }
    if (pendingRefresh != null) {
      return pendingRefresh;
    }
    Future<VerificationKeys> f = vertx.eventBus()
      .<JsonObject>request(KeyBus.UNKNOWN_KID, kid, new DeliveryOptions().setSendTimeout(15_000))
      .map(msg -> {
        JsonObject body = msg.body();
        refreshBlockedUntil = body.getLong("cooldownUntil", 0L);
        JsonObject set = body.getJsonObject("keySet");
        if (set != null) {
          install(KeySet.fromJson(set));
        }
        return current;
      })
      .recover(err -> Future.succeededFuture(current))
      .andThen(ar -> pendingRefresh = null);
    pendingRefresh = f;
    return f;
  }
}
