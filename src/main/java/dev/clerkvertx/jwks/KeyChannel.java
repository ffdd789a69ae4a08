package dev.clerkvertx.jwks;

import io.vertx.core.Vertx;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The event-bus protocol between the one key owner and the HTTP verticles of one service: its
 * addresses (private to the service, so two services in one Vert.x never cross) and the typed,
 * local-only messages. {@link KeySet} and {@link KeyLookup} travel as objects, never as JSON.
 */
public final class KeyChannel {
  /** Published by the owner after every load: a {@link KeySet}. */
  final String updated;
  /** Request, no body: replies with the current {@link KeySet}, or fails with 503 when none is loaded. */
  final String current;
  /** Request with an unknown {@code kid}: replies with a {@link KeyLookup}. */
  final String unknownKid;
  /** Request, no body: fetch now, as the periodic timer does; replies true when a good set was loaded. */
  final String refresh;

  private KeyChannel(String prefix) {
    updated = prefix + ".updated";
    current = prefix + ".current";
    unknownKid = prefix + ".unknown-kid";
    refresh = prefix + ".refresh";
  }

  /** A channel of its own for one service; registers the local codecs once per Vert.x instance. */
  public static KeyChannel create(Vertx vertx) {
    synchronized (KeyChannel.class) {
      register(vertx, KeySet.class);
      register(vertx, KeyLookup.class);
    }
    return new KeyChannel("clerk.keys." + UUID.randomUUID());
  }

  /** Runs {@code consumer} with every set the owner publishes, on the caller's context. */
  public void subscribe(Vertx vertx, Consumer<KeySet> consumer) {
    vertx.eventBus().<KeySet>localConsumer(updated, msg -> consumer.accept(msg.body()));
  }

  /** The address whose requests make the owner fetch now (tests; not exposed over HTTP). */
  public String refreshAddress() {
    return refresh;
  }

  private static <T> void register(Vertx vertx, Class<T> type) {
    try {
      vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
    } catch (IllegalStateException alreadyRegistered) {
      // another service in the same Vert.x instance registered it: the codec is stateless, share it
    }
  }
}
