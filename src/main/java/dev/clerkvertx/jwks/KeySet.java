package dev.clerkvertx.jwks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable, validated set of RS256 verification keys (JWK JSON), as published to every HTTP
 * verticle. {@code anyKid} marks the single networkless {@code CLERK_JWT_KEY}, which verifies a
 * token whatever its {@code kid}. Never empty: an empty set would make vertx-auth-jwt accept
 * unsigned tokens, so the constructor refuses it.
 */
public record KeySet(List<JsonObject> keys, Set<String> kids, boolean anyKid, long generation, Instant loadedAt) {

  public KeySet {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a key set is never empty");
    }
    keys = List.copyOf(keys);
    kids = Set.copyOf(kids);
  }

  /** Builds a set from validated JWKs, collecting their {@code kid}s. */
  public static KeySet of(List<JsonObject> keys, boolean anyKid, long generation, Instant loadedAt) {
    Set<String> kids = new LinkedHashSet<>();
    for (JsonObject k : keys) {
      String kid = k.getString("kid");
      if (kid != null) {
        kids.add(kid);
      }
    }
    return new KeySet(keys, kids, anyKid, generation, loadedAt);
  }

  /** True when a token with this {@code kid} can be verified by this set. */
  public boolean has(String kid) {
    return anyKid || (kid != null && kids.contains(kid));
  }

  /** True when both sets hold the same keys, whatever their generation. */
  public boolean sameKeysAs(KeySet other) {
    return other != null && other.anyKid == anyKid && other.keys.equals(keys);
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("keys", new JsonArray(List.copyOf(keys)))
      .put("anyKid", anyKid)
      .put("generation", generation)
      .put("loadedAt", loadedAt.toEpochMilli());
  }

  public static KeySet fromJson(JsonObject json) {
    List<JsonObject> keys = json.getJsonArray("keys").stream().map(o -> (JsonObject) o).toList();
    return of(keys, json.getBoolean("anyKid", false), json.getLong("generation"),
      Instant.ofEpochMilli(json.getLong("loadedAt")));
  }
}
