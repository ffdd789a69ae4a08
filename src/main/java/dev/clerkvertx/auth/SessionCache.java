package dev.clerkvertx.auth;

import dev.clerkvertx.identity.SharedValues;
import dev.clerkvertx.jwks.KeyChannel;
import dev.clerkvertx.jwks.KeySet;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Sessions already verified, keyed by the SHA-256 of their token: a browser reuses one token for
 * about a minute, so most requests skip the RSA verification. Bounded by memory: each session is
 * weighed by its estimated bytes and admitted only while the total stays within a share of the heap.
 * Values sessions share ({@link #sharedValues()}, at most {@link #SHARED_SHARE} of the budget) are
 * charged to the same total by the session that first brings them in, and stay charged while kept:
 * {@link #bytes()} weighs all the cache makes the heap hold (weighed/live heap measured 1.01 to 1.02
 * for plain sessions, shared, distinct and v1 organisations with 250 permissions: {@code SessionWeightTest}).
 * Entries leave when their token's window closes (swept every {@link #SWEEP_MILLIS}) or when their
 * {@code kid} leaves the key set; callers re-check the window and the key on every hit, so a hit is
 * as strict as a miss. Rejected tokens are never put here. Shared by all event loops.
 * <p>
 * A plain concurrent map rather than Caffeine: Clerk's tokens expire within a minute, so entries
 * leave by expiry rather than by eviction, and Caffeine's per-read bookkeeping (access order, timer
 * wheel, frequency sketch) measured about a tenth of the server's CPU on hits, and 70 bytes a session.
 * When the budget is full, new sessions are verified every time until expiry makes room.
 */
public final class SessionCache {
  private static final Logger LOG = LoggerFactory.getLogger(SessionCache.class);
  /** The share of the heap the cache may fill. */
  static final double HEAP_SHARE = 0.3;
  /** A typical session's weight (Clerk's 32-character user and session ids, no organisation), to turn sessions into bytes. */
  static final int NOMINAL_SESSION_BYTES = 283;
  /** The share of the cache's budget that values shared between sessions may fill. */
  static final double SHARED_SHARE = 0.125;
  /** How often expired sessions are swept out. */
  static final long SWEEP_MILLIS = 5_000;

  private final Map<TokenDigest, VerifiedSession> sessions;
  private final Clock clock;
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder full = new LongAdder();
  private final SharedValues shared;
  private KeySet lastPurgedFor;
  private volatile BooleanSupplier admitting = () -> true;

  private SessionCache(Map<TokenDigest, VerifiedSession> sessions, Clock clock, long maxBytes) {
    this.sessions = sessions;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.shared = new SharedValues((long) (maxBytes * SHARED_SHARE), this::charge);
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
    LOG.info("Verified-session cache: up to {} MiB, about {} sessions (values sessions share: up to {} MiB of it)",
      bytes >> 20, bytes / NOMINAL_SESSION_BYTES, (long) (bytes * SHARED_SHARE) >> 20);
    return new SessionCache(new ConcurrentHashMap<>(), clock, bytes);
  }

  /** The overload manager's say: while {@code admitting} answers false, verified sessions are not kept. */
  public void admitWhile(BooleanSupplier admitting) {
    this.admitting = admitting;
  }

  /**
   * The pool of values sessions share, weighed in this cache's bytes: the decoder of the sessions put
   * here must share through it. Holds nothing when the cache is off.
   */
  public SharedValues sharedValues() {
    return shared;
  }

  /** False when {@code TOKEN_CACHE_SIZE=0}: then nothing is worth digesting. */
  public boolean enabled() {
    return sessions != null;
  }

  /**
   * The session verified for exactly this token, if it was verified with a key {@code keys} still
   * has (null: no keys, no hit) and its time window holds now; else null, counted as a miss (also when
   * the cache is off and {@code digest} null). A hit is as strict as a miss.
   */
  public VerifiedSession get(TokenDigest digest, KeySet keys) {
    VerifiedSession s = sessions == null || keys == null || digest == null ? null : sessions.get(digest);
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

  /** Keeps a session that passed every rule, while its window is open and the memory bound allows. */
  public void put(TokenDigest digest, VerifiedSession session) {
    if (sessions == null || session.acceptedUntilMillis() <= clock.millis() || !admitting.getAsBoolean()) {
      return;
    }
    int weight = session.weight();
    if (bytes.addAndGet(weight) > maxBytes) {
      bytes.addAndGet(-weight);
      full.increment();
      return;
    }
    if (sessions.putIfAbsent(digest, session) != null) {
      bytes.addAndGet(-weight);
    }
  }

  /**
   * Purges, once per process, the entries of keys each newly published set no longer has, and sweeps
   * expired ones every {@link #SWEEP_MILLIS}: both scan the whole map, so both run on a worker thread
   * (purges in the order the sets were published). Nothing to do when the cache is off.
   */
  public void start(Vertx vertx, KeyChannel channel) {
    if (sessions == null) {
      return;
    }
    channel.subscribe(vertx, keys -> vertx.executeBlocking(() -> {
      retainKeysOf(keys);
      return null;
    }, true));
    vertx.setPeriodic(SWEEP_MILLIS, id -> vertx.executeBlocking(() -> {
      sweep();
      return null;
    }, false));
  }

  /** The shared pool's budget: charges {@code delta} bytes (a refund when negative) if they fit. */
  private boolean charge(long delta) {
    if (bytes.addAndGet(delta) > maxBytes && delta > 0) {
      bytes.addAndGet(-delta);
      return false;
    }
    return true;
  }

  /** Drops the entries whose window has closed. */
  void sweep() {
    long now = clock.millis();
    remove(s -> s.acceptedUntilMillis() <= now);
  }

  /** Drops every entry verified with a key this newly published set does not have (when the kids changed). */
  synchronized void retainKeysOf(KeySet keys) {
    if ((lastPurgedFor == null || !lastPurgedFor.kids().equals(keys.kids())
      || lastPurgedFor.match() != keys.match())) {
      remove(s -> !keys.has(s.kid()));
    }
    lastPurgedFor = keys;
  }

  private void remove(Predicate<VerifiedSession> condition) {
    for (Map.Entry<TokenDigest, VerifiedSession> e : sessions.entrySet()) {
      if (condition.test(e.getValue()) && sessions.remove(e.getKey(), e.getValue())) {
        bytes.addAndGet(-e.getValue().weight());
      }
    }
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Verified sessions not kept because the memory bound was reached. */
  public long full() {
    return full.sum();
  }

  /** Sessions held now (expired ones included until the next sweep). */
  public long size() {
    return sessions == null ? 0 : sessions.size();
  }

  /** Estimated bytes held now: the sessions, and the values they share. */
  public long bytes() {
    return bytes.get();
  }

  /** The memory bound, in estimated bytes (0 when off). */
  public long maxBytes() {
    return maxBytes;
  }
}
