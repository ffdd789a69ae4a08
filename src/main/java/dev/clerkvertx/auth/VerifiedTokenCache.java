package dev.clerkvertx.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.clerkvertx.jwks.KeyBus;
import dev.clerkvertx.jwks.KeySet;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tokens already verified, keyed by the exact token string: a browser reuses one token for about a
 * minute, so most requests skip the RSA verification. An entry never outlives its token's
 * {@code exp} (plus skew); callers still re-check the time window on every hit, and entries whose
 * {@code kid} leaves the key set are purged. Shared by all event loops (Caffeine is concurrent).
 */
public final class VerifiedTokenCache {
  /**
   * What a hit yields: enough to re-check time and key membership without parsing again. The
   * user's principal is the verified claims object itself (read-only, shared), so an entry holds one
   * copy of the claims besides the token string.
   */
  public record Entry(String kid, User user, long acceptedFromMillis, long acceptedUntilMillis) {
    public JsonObject claims() {
      return user.principal();
    }
  }

  /**
   * The exact token string as key, hashed on its last characters only. {@code String.hashCode} of a
   * fresh 623-character header value took 435 ns here on Java 17 (a serial multiply-add
   * chain); the signature's tail is as random as a hash. Equality
   * is still the whole string, so a hit is exact; colliding keys could only come from tokens that
   * passed verification.
   */
  static final class TokenKey {
    private static final int HASHED_CHARS = 24;
    private final String token;
    private final int hash;

    TokenKey(String token) {
      this.token = token;
      int h = token.length();
      for (int i = Math.max(0, token.length() - HASHED_CHARS); i < token.length(); i++) {
        h = 31 * h + token.charAt(i);
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TokenKey k && k.hash == hash && k.token.equals(token);
    }
  }

  private final Cache<TokenKey, Entry> cache;
  private final Clock clock;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  private VerifiedTokenCache(Cache<TokenKey, Entry> cache, Clock clock) {
    this.cache = cache;
    this.clock = clock;
  }

  /** A cache of at most {@code maxSize} tokens; 0 disables caching (every request verifies). */
  public static VerifiedTokenCache create(int maxSize, Clock clock) {
    if (maxSize <= 0) {
      return new VerifiedTokenCache(null, clock);
    }
    Cache<TokenKey, Entry> cache = Caffeine.newBuilder()
      .maximumSize(maxSize)
      // bookkeeping runs on the event loop that triggers it, amortised, instead of being handed to
      // the common pool (a single thread on a 2-core machine)
      .executor(Runnable::run)
      // expiry follows the injected clock, the same one the claim checks use
      .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
      .expireAfter(new Expiry<TokenKey, Entry>() {
        @Override
        public long expireAfterCreate(TokenKey key, Entry value, long currentTime) {
          long millis = Math.max(0, value.acceptedUntilMillis() - clock.millis());
          return TimeUnit.MILLISECONDS.toNanos(Math.min(millis, TimeUnit.DAYS.toMillis(1)));
        }

        @Override
        public long expireAfterUpdate(TokenKey key, Entry value, long currentTime, long currentDuration) {
          return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(TokenKey key, Entry value, long currentTime, long currentDuration) {
          return currentDuration;
        }
      })
      .build();
    return new VerifiedTokenCache(cache, clock);
  }

  /** The entry for exactly this token string, if it was verified with a key of {@code keys}; else null. */
  public Entry get(String token, KeySet keys) {
    Entry e = cache == null ? null : cache.getIfPresent(new TokenKey(token));
    if (e != null && !keys.has(e.kid())) {
      e = null;
    }
    if (e == null) {
      misses.increment();
    } else {
      hits.increment();
    }
    return e;
  }

  void put(String token, String kid, User user, long acceptedFromMillis, long acceptedUntilMillis) {
    if (cache != null && acceptedUntilMillis > clock.millis()) {
      cache.put(new TokenKey(token), new Entry(kid, user, acceptedFromMillis, acceptedUntilMillis));
    }
  }

  /**
   * Purges, once per process, the entries whose {@code kid} each newly published key set no longer
   * has. (Hits are also refused per request by each verticle's own keys; this frees the memory.)
   */
  public void followKeySets(Vertx vertx) {
    vertx.eventBus().<JsonObject>localConsumer(KeyBus.UPDATED, msg -> retainKeysOf(KeySet.fromJson(msg.body())));
  }

  /** Drops every entry verified with a key this set does not have. */
  void retainKeysOf(KeySet keys) {
    if (cache != null) {
      cache.asMap().values().removeIf(e -> !keys.has(e.kid()));
    }
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public long size() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
