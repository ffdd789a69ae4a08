package dev.clerkvertx.jwks;

import dev.clerkvertx.config.ClerkInstance;
import dev.clerkvertx.config.KeyTimings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Where the key owner gets verification keys: one fixed key, or a remote JWKS kept fresh. An
 * implementation is confined to the owner's event loop.
 */
public sealed interface KeySource permits FixedKeySource, RemoteKeySource {

  /** The source a configured Clerk instance names: its JWKS kept fresh, or its networkless PEM key. */
  static KeySource of(ClerkInstance.KeyOrigin origin, KeyTimings timings, Clock clock, KeyStats stats) {
    if (origin instanceof ClerkInstance.Pem pem) {
      return fixed(RsaJwk.of(pem.key(), null), KeySet.KidMatch.ANY_KID, clock, stats);
    }
    return RemoteKeySource.builder(((ClerkInstance.Jwks) origin).url())
      .refresh(timings.refresh()).timeout(timings.timeout()).cooldown(timings.cooldown())
      .clock(clock).stats(stats).build();
  }

  /** One key known at start: no fetch ever happens. */
  static KeySource fixed(RsaJwk key, KeySet.KidMatch match, Clock clock, KeyStats stats) {
    return new FixedKeySource(key, match, clock, stats);
  }

  /**
   * Loads the first set and tells {@code installed} of it and of every later one. A failed first
   * load does not fail the start: requests get 503 until a set arrives.
   */
  Future<Void> start(Vertx vertx, Consumer<KeySet> installed);

  /** The set in use, or null before the first one. */
  KeySet current();

  /** The answer to a token's unknown {@code kid}: after at most one fetch, shared and limited by the cooldown. */
  Future<KeyLookup> lookup(String kid);

  /** Fetches now, as the periodic refresh does; true when a good set was loaded. */
  Future<Boolean> refreshNow();

  void stop();
}
