package dev.clerkvertx.jwks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** One key known at start (networkless {@code CLERK_JWT_KEY}, or dev mode's): no fetch ever happens. */
public final class FixedKeySource implements KeySource {
  private final KeySet set;
  private final KeyStats stats;

  FixedKeySource(RsaJwk key, KeySet.KidMatch match, Clock clock, KeyStats stats) {
    this.set = KeySet.of(List.of(key), match, 1, clock.instant());
    this.stats = stats;
  }

  @Override
  public Future<Void> start(Vertx vertx, Consumer<KeySet> installed) {
    stats.installed(set);
    installed.accept(set);
    return Future.succeededFuture();
  }

  @Override
  public KeySet current() {
    return set;
  }

  @Override
  public Future<KeyLookup> lookup(String kid) {
    return Future.succeededFuture(new KeyLookup(set, Instant.MIN));
  }

  @Override
  public Future<Boolean> refreshNow() {
    return Future.succeededFuture(true);
  }

  @Override
  public void stop() {
  }
}
