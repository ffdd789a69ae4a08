package dev.clerkvertx.jwks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One HTTP verticle's view of the keys: the current {@link KeySet}, swapped whole when the owner
 * publishes a newer one, and questions about unknown {@code kid}s: one at a time per verticle, none
 * while the owner's cooldown runs (its copy is kept here), each allowed as long as a fetch may take.
 * Confined to its verticle's event loop.
 */
public final class KeySetClient {
  /** Room beyond one fetch's timeout for the bus round trip. */
  private static final Duration BUS_MARGIN = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final KeyChannel channel;
  private final Clock clock;
  private final DeliveryOptions askOptions;
  private Consumer<KeySet> onNewSet = set -> { };
  private KeySet current;
  private Future<KeySet> pending;
  private Instant cooldownUntil = Instant.MIN;

  /** @param fetchTimeout how long one JWKS fetch may take ({@code CLERK_JWKS_TIMEOUT_SECONDS}) */
  public KeySetClient(Vertx vertx, KeyChannel channel, Clock clock, Duration fetchTimeout) {
    this.vertx = vertx;
    this.channel = channel;
    this.clock = clock;
    this.askOptions = new DeliveryOptions().setSendTimeout(fetchTimeout.plus(BUS_MARGIN).toMillis());
  }

  /** Subscribes and asks for the current set; {@code onNewSet} runs for every newer set. Completes either way. */
  public Future<Void> start(Consumer<KeySet> onNewSet) {
    this.onNewSet = onNewSet;
    channel.subscribe(vertx, this::install);
    return vertx.eventBus().<KeySet>request(channel.current, null)
      .onSuccess(msg -> install(msg.body()))
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }

  /** The keys in use, or null while none has been loaded. */
  public KeySet current() {
    return current;
  }

  /**
   * The keys after asking the owner about {@code kid}; the caller checks whether they have it.
   * Yields the current keys at once while the owner's cooldown runs.
   */
  public Future<KeySet> lookup(String kid) {
    if (clock.instant().isBefore(cooldownUntil)) {
      return Future.succeededFuture(current);
    }
    if (pending != null) {
      return pending;
    }
    Future<KeySet> f = vertx.eventBus().<KeyLookup>request(channel.unknownKid, kid, askOptions)
      .map(msg -> {
        KeyLookup answer = msg.body();
        cooldownUntil = answer.cooldownUntil();
        if (answer.keySet() != null) {
          install(answer.keySet());
        }
        return current;
      })
      .otherwise(err -> current)
      .andThen(ar -> pending = null);
    pending = f;
    return f;
  }

  private void install(KeySet set) {
    if (current != null && set.generation() <= current.generation()) {
      return;
    }
    current = set;
    onNewSet.accept(set);
  }
}
