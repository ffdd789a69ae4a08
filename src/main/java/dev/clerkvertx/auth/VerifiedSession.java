package dev.clerkvertx.auth;

import dev.clerkvertx.identity.ClerkIdentity;

/**
 * What the cache keeps of one verified session token: the key that verified it, the window in
 * which its time claims hold (skew included), and the caller's identity, decoded once. Not the token
 * itself, not its claims JSON.
 *
 * @param kid the key set's own {@code kid} string (shared, not one copy per session)
 */
public record VerifiedSession(String kid, long acceptedFromMillis, long acceptedUntilMillis, ClerkIdentity identity) {

  /**
   * Bytes one cached session holds besides its identity, from a class histogram of 100,000 cached
   * sessions: the map node (32) and its share of the map's table (11), the digest (48) and this
   * record (40).
   */
  static final int FIXED_BYTES = 131;

  /** Estimated heap bytes of this entry in the cache: what the cache's memory bound weighs. */
  int weight() {
    return FIXED_BYTES + identity.estimatedBytes();
  }
}
