package dev.clerkvertx.jwks;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable, validated set of RS256 verification keys, published as one object to every HTTP
 * verticle (never as JSON). Never empty: an empty set would make vertx-auth-jwt accept unsigned
 * tokens, so the constructor refuses it.
 *
 * @param generation increases with every set the owner installs, so a verticle never goes back
 * @param loadedAt   when a fetch last confirmed the set (the start for a fixed key)
 */
public record KeySet(List<RsaJwk> keys, Set<String> kids, KidMatch match, long generation, Instant loadedAt) {

  /** How a token's {@code kid} selects a key. */
  public enum KidMatch {
    /** The kid must name a key of the set: Clerk's JWKS. */
    BY_KID,
    /** The one networkless key verifies a token whatever its kid: {@code CLERK_JWT_KEY}. */
    ANY_KID
  }

  public KeySet {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a key set is never empty");
    }
    keys = List.copyOf(keys);
    kids = Set.copyOf(kids);
  }

  /** A set of these keys, collecting their {@code kid}s. */
  public static KeySet of(List<RsaJwk> keys, KidMatch match, long generation, Instant loadedAt) {
    Set<String> kids = new LinkedHashSet<>();
    for (RsaJwk k : keys) {
      if (k.kid() != null) {
        kids.add(k.kid());
      }
    }
    return new KeySet(keys, kids, match, generation, loadedAt);
  }

  /** True when a token with this {@code kid} can be verified by this set. */
  public boolean has(String kid) {
    return match == KidMatch.ANY_KID || (kid != null && kids.contains(kid));
  }

  /** True when a token without a {@code kid} can be verified by this set. */
  public boolean acceptsMissingKid() {
    return match == KidMatch.ANY_KID;
  }

  /**
   * The set's own copy of {@code kid}, so that the many sessions verified with one key share one
   * string; null for a set that matches any kid.
   */
  public String kidInstance(String kid) {
    for (RsaJwk k : keys) {
      if (k.kid() != null && k.kid().equals(kid)) {
        return k.kid();
      }
    }
    return null;
  }

  /** True when both sets hold the same keys, whatever their generation. */
  public boolean sameKeysAs(KeySet other) {
    return other != null && other.match == match && other.keys.equals(keys);
  }
}
