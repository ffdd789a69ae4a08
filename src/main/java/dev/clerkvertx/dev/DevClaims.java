package dev.clerkvertx.dev;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code /dev/token}'s overrides ({@code org}, {@code features}, {@code plans}, {@code fva})
 * into Clerk v2 claims: the {@code o} object, with permissions packed as Clerk packs them
 * ({@code o.per} names, one {@code o.fpm} mask per organisation feature of {@code fea}), and the
 * {@code fea}, {@code pla} and {@code fva} claims. A malformed override is an {@link IllegalArgumentException}.
 */
final class DevClaims {
  private static final List<String> ORG_FIELDS = List.of("id", "slug", "role", "permissions");

  private DevClaims() {
  }

  /** What GraphiQL's token carries, so that every demo field works in the browser. */
  static JsonObject demo() {
    return claims(new JsonObject()
      .put("org", new JsonObject().put("id", "org_dev").put("slug", "dev-org").put("role", "admin")
        .put("permissions", new JsonArray().add("org:pings:read")))
      .put("features", new JsonArray().add("o:premium_support"))
      .put("plans", new JsonArray().add("u:pro"))
      .put("fva", new JsonArray().add(0).add(0)));
  }

  /** The claims that {@code request}'s overrides stand for (none: an empty object). */
  static JsonObject claims(JsonObject request) {
    JsonObject claims = new JsonObject();
    List<String> features = entries(request.getValue("features"), "features");
    Object org = request.getValue("org");
    if (org != null) {
      if (!(org instanceof JsonObject o) || !(o.getValue("id") instanceof String id)) {
        throw new IllegalArgumentException("org must be an object with a string id");
      }
      List<String> unknown = o.fieldNames().stream().filter(f -> !ORG_FIELDS.contains(f)).sorted().toList();
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("unknown field" + (unknown.size() > 1 ? "s" : "") + " in org: "
          + String.join(", ", unknown) + "; its fields are " + String.join(", ", ORG_FIELDS));
      }
      JsonObject packed = new JsonObject().put("id", id).put("slg", text(o, "slug")).put("rol", text(o, "role"));
      features = pack(strings(o.getValue("permissions"), "org.permissions"), features, packed);
      claims.put("o", packed);
    }
    if (!features.isEmpty()) {
      claims.put("fea", String.join(",", features));
    }
    List<String> plans = entries(request.getValue("plans"), "plans");
    if (!plans.isEmpty()) {
      claims.put("pla", String.join(",", plans));
    }
    Object fva = request.getValue("fva");
    if (fva != null) {
      if (!(fva instanceof JsonArray a) || a.size() != 2 || !(a.getValue(0) instanceof Integer)
        || !(a.getValue(1) instanceof Integer)) {
        throw new IllegalArgumentException("fva must be two whole numbers of minutes, -1 for never");
      }
      claims.put("fva", a);
    }
    return claims;
  }

  /**
   * Packs {@code org:<feature>:<permission>} names into {@code packed.per} and {@code packed.fpm};
   * returns {@code fea}'s entries: the permissions' features first (scope {@code o}), then the given ones.
   */
  private static List<String> pack(List<String> permissions, List<String> given, JsonObject packed) {
    List<String> names = new ArrayList<>();
    Map<String, BigInteger> masks = new LinkedHashMap<>();
    for (String permission : permissions) {
      String[] parts = (permission.startsWith("org:") ? permission.substring(4) : permission).split(":", -1);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new IllegalArgumentException("permissions are org:<feature>:<permission>, not '" + permission + "'");
      }
      if (!names.contains(parts[1])) {
        names.add(parts[1]);
      }
      masks.merge(parts[0], BigInteger.ONE.shiftLeft(names.indexOf(parts[1])), BigInteger::or);
    }
    // fea lists the permissions' features first; every organisation entry of fea gets a mask, in order
    List<String> fea = new ArrayList<>();
    List<String> fpm = new ArrayList<>();
    masks.forEach((feature, mask) -> {
      fea.add("o:" + feature);
      fpm.add(mask.toString());
    });
    for (String entry : given) {
      String scope = entry.substring(0, entry.indexOf(':'));
      boolean org = scope.contains("o");
      if (org && masks.containsKey(entry.substring(entry.indexOf(':') + 1))) {
        continue;
      }
      fea.add(entry);
      if (org) {
        fpm.add("0");
      }
    }
    packed.put("per", String.join(",", names));
    packed.put("fpm", String.join(",", fpm));
    return fea;
  }

  private static List<String> entries(Object value, String what) {
    List<String> entries = strings(value, what);
    for (String e : entries) {
      if (e.indexOf(':') <= 0) {
        throw new IllegalArgumentException(what + " are scope:name entries (o:, u:, ou:), not '" + e + "'");
      }
    }
    return entries;
  }

  private static List<String> strings(Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw new IllegalArgumentException(what + " must be an array of strings");
    }
    return array.stream().map(String.class::cast).toList();
  }

  private static String text(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException("org." + key + " must be a string");
    }
    return (String) v;
  }
}
