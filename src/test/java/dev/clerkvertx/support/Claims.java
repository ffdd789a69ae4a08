package dev.clerkvertx.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Clerk v2 session-token claims, valid at the given clock, from the given issuer. */
public final class Claims {
  private Claims() {
  }

  public static JsonObject valid(MutableClock clock, String issuer) {
    long now = clock.epochSecond();
    return new JsonObject()
      .put("azp", "http://localhost:3000")
      .put("exp", now + 60)
      .put("fva", new JsonArray().add(0).add(-1))
      .put("iat", now)
      .put("iss", issuer)
      .put("nbf", now - 10)
      .put("sid", "sess_2abc")
      .put("sts", "active")
      .put("sub", "user_2xyz")
      .put("v", 2);
  }

  public static JsonObject header(String kid) {
    JsonObject h = new JsonObject().put("alg", "RS256").put("typ", "JWT");
    if (kid != null) {
      h.put("kid", kid);
    }
    return h;
  }

  /**
   * Clerk v2 claims of a member of {@code orgId} with {@code role} and these
   * {@code org:<feature>:<permission>} permissions: {@code o} ({@code id}, {@code rol}, {@code per},
   * {@code fpm}) and {@code fea}, packed as Clerk packs them (one mask per organisation feature).
   */
  public static JsonObject member(String orgId, String role, String... permissions) {
    List<String> names = new ArrayList<>();
    Map<String, Long> masks = new LinkedHashMap<>();
    for (String permission : permissions) {
      String[] parts = permission.split(":");
      if (parts.length != 3 || !parts[0].equals("org")) {
        throw new IllegalArgumentException("permissions are org:<feature>:<permission>, not " + permission);
      }
      if (!names.contains(parts[2])) {
        names.add(parts[2]);
      }
      masks.merge(parts[1], 1L << names.indexOf(parts[2]), (a, b) -> a | b);
    }
    JsonObject o = new JsonObject().put("id", orgId).put("rol", role).put("slg", orgId + "-slug")
      .put("per", String.join(",", names))
      .put("fpm", String.join(",", masks.values().stream().map(String::valueOf).toList()));
    JsonObject claims = new JsonObject().put("o", o);
    if (!masks.isEmpty()) {
      claims.put("fea", String.join(",", masks.keySet().stream().map(f -> "o:" + f).toList()));
    }
    return claims;
  }
}
