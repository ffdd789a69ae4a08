package dev.clerkvertx.jwks;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the key owner has done: fetches by outcome and the key set in use; read by metrics and tests from any thread. */
public final class KeyStats {
  private final AtomicLong successes = new AtomicLong();
  private final AtomicLong unknownKidFetches = new AtomicLong();
  private final Map<JwksFailure, AtomicLong> failures = new EnumMap<>(JwksFailure.class);
  private volatile KeySet keySet;

  public KeyStats() {
    for (JwksFailure f : JwksFailure.values()) {
      failures.put(f, new AtomicLong());
    }
  }

  void success() {
    successes.incrementAndGet();
  }

  void failure(JwksFailure failure) {
    failures.get(failure).incrementAndGet();
  }

  void installed(KeySet set) {
    keySet = set;
  }

  /** The key set in use, or null before the first one loaded. */
  public KeySet keySet() {
    return keySet;
  }

  void unknownKidFetch() {
    unknownKidFetches.incrementAndGet();
  }

  public long successes() {
    return successes.get();
  }

  public long unknownKidFetches() {
    return unknownKidFetches.get();
  }

  public long failures(JwksFailure failure) {
    return failures.get(failure).get();
  }
}
