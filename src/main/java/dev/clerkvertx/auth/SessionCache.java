package dev.clerkvertx.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.clerkvertx.jwks.KeyChannel;
import dev.clerkvertx.jwks.KeySet;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sessions already verified, keyed by the SHA-256 of their token: a browser reuses one token for
 * about a minute, so most requests skip the RSA verification. Bounded by memory (each entry weighed
 * by its estimated bytes), sized from the heap. An entry expires with its token's {@code exp} (plus
 * skew) on the injected clock; callers still re-check the time window and the key on every hit, and
 * entries whose {@code kid} leaves the key set are purged. Rejected tokens are never put here.
 * Shared by all event loops (Caffeine is concurrent).
 */
public final class SessionCache {
  private static final Logger LOG = LoggerFactory.getLogger(SessionCache.class);
  /** The share of the heap the cache may fill. */
  static final double HEAP_SHARE = 0.4;
  /** A typical session's weight, for turning a number of sessions into bytes and back. */
  static final int NOMINAL_SESSION_BYTES = 400;

  private final Cache<TokenDigest, VerifiedSession> cache;
  private final Clock clock;
  private final long maxBytes;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private KeySet lastPurgedFor;

  private SessionCache(Cache<TokenDigest, VerifiedSession> cache, Clock clock, long maxBytes) {
    this.cache = cache;
    this.clock = clock;
    this.maxBytes = maxBytes;
  }

  /**
   * A cache of {@code requested} sessions (empty: as many as {@link #HEAP_SHARE} of the heap holds;
   * 0: off). A request the heap cannot hold is capped, with a log line naming the setting.
   */
  public static SessionCache create(OptionalInt requested, long maxHeapBytes, Clock clock) {
    long budget = (long) (maxHeapBytes * HEAP_SHARE);
    long bytes = budget;
    if (requested.isPresent()) {
      if (requested.getAsInt() == 0) {
        LOG.info("Verified-session cache off (TOKEN_CACHE_SIZE=0): every request verifies its token");
        return new SessionCache(null, clock, 0);
      }
      bytes = (long) requested.getAsInt() * NOMINAL_SESSION_BYTES;
      if (bytes > budget) {
        LOG.warn("TOKEN_CACHE_SIZE={} needs about {} MiB, more than {} % of the {} MiB heap: capped to about {} sessions",
          requested.getAsInt(), bytes >> 20, (int) (HEAP_SHARE * 100), maxHeapBytes >> 20, budget / NOMINAL_SESSION_BYTES);
        bytes = budget;
      }
    }
    LOG.info("Verified-session cache: up to {} MiB, about {} sessions", bytes >> 20, bytes / NOMINAL_SESSION_BYTES);
    Cache<TokenDigest, VerifiedSession> cache = Caffeine.newBuilder()
      .maximumWeight(bytes)
      .weigher((TokenDigest k, VerifiedSession v) -> v.weight())
      // bookkeeping runs on the event loop that triggers it, amortised, instead of being handed to
      // the common pool (a single thread on a 2-core machine)
      .executor(Runnable::run)
      // expiry follows the injected clock, the same one the claim checks use
      .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
      .expireAfter(new UntilTokenExpiry(clock))
      .build();
    return new SessionCache(cache, clock, bytes);
  }

  /** False when {@code TOKEN_CACHE_SIZE=0}: then nothing is worth digesting. */
  public boolean enabled() {
    return cache != null;
  }

  /**
   * The session verified for exactly this token, if it was verified with a key {@code keys} still
   * has (null: no keys, no hit) and its time window holds now; else null, counted as a miss (also when
   * the cache is off and {@code digest} null). A hit is as strict as a miss.
   */
  public VerifiedSession get(TokenDigest digest, KeySet keys) {
    VerifiedSession s = cache == null || keys == null || digest == null ? null : cache.getIfPresent(digest);
    if (s != null) {
      long now = clock.millis();
      if (!keys.has(s.kid()) || now < s.acceptedFromMillis() || now >= s.acceptedUntilMillis()) {
        s = null;
      }
    }
    if (s == null) {
      misses.increment();
    } else {
      hits.increment();
    }
    return s;
  }

  /** Keeps a session that passed every rule, while its window has not closed. */
  public void put(TokenDigest digest, VerifiedSession session) {
    if (cache != null && session.acceptedUntilMillis() > clock.millis()) {
      cache.put(digest, session);
    }
  }

  /** Purges, once per process, the entries of keys that each newly published set no longer has. */
  public void followKeySets(Vertx vertx, KeyChannel channel) {
    channel.subscribe(vertx, this::retainKeysOf);
  }

  /**
   * Drops every entry verified with a key this newly published set no longer has (hits are also
   * refused per request against each verticle's own keys; this frees the memory). Scans only when
   * the kids changed.
   */
  synchronized void retainKeysOf(KeySet keys) {
    if (cache != null && (lastPurgedFor == null || !lastPurgedFor.kids().equals(keys.kids())
      || lastPurgedFor.match() != keys.match())) {
      cache.asMap().values().removeIf(e -> !keys.has(e.kid()));
    }
    lastPurgedFor = keys;
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Sessions held now. */
  public long size() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** The memory bound, in estimated bytes (0 when off). */
  public long maxBytes() {
    return maxBytes;
  }

  /** An entry lives until its token's window closes (capped at a day, far beyond any session token). */
  private record UntilTokenExpiry(Clock clock) implements Expiry<TokenDigest, VerifiedSession> {
    @Override
    public long expireAfterCreate(TokenDigest key, VerifiedSession value, long currentTime) {
      long millis = Math.max(0, value.acceptedUntilMillis() - clock.millis());
      return TimeUnit.MILLISECONDS.toNanos(Math.min(millis, TimeUnit.DAYS.toMillis(1)));
    }

    @Override
    public long expireAfterUpdate(TokenDigest key, VerifiedSession value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(TokenDigest key, VerifiedSession value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
