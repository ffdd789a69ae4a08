package dev.clerkvertx.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.TreeSet;

/**
 * Decodes the identity of a verified Clerk session token, exactly as Clerk's JavaScript SDK does.
 * v2 (a {@code v} that is exactly the number 2): the {@code o} object ({@code id}, {@code slg},
 * {@code rol} answered as {@code org:<rol>}) and permissions decoded from {@code o.per},
 * {@code o.fpm} and the organisation features of {@code fea}: bit {@code j} of the {@code i}-th mask
 * (arbitrary precision) grants {@code org:<feature_i>:<per_j>}. Otherwise v1: {@code org_id},
 * {@code org_role}, {@code org_slug}, {@code org_permissions}. An organisation id that is not a
 * non-empty string is no organisation. Claims of the wrong shape never fail: they grant nothing,
 * and a v2 token with an {@code o} whose {@code fea}, {@code o.per} or {@code o.fpm} Clerk's parser
 * throws on is marked {@link ClerkIdentity#claimsMalformed()}, which denies every check.
 * Values many sessions carry alike are kept once, in a byte-bounded {@link SharedValues} pool.
 */
public final class IdentityDecoder {
  /** A pool for decoders that no cache weighs (tools, tests). */
  private static final long OWN_POOL_BYTES = 1 << 20;
  private static final String[] NO_NAMES = new String[0];

  private final SharedValues shared;

  /** A decoder with a pool of its own, charged to nobody: for tools and tests. */
  public IdentityDecoder() {
    this(new SharedValues(OWN_POOL_BYTES, SharedValues.Budget.NONE));
  }

  /** A decoder sharing values through {@code shared} (the session cache's, which weighs them). */
  public IdentityDecoder(SharedValues shared) {
    this.shared = shared;
  }

  public ClerkIdentity decode(JsonObject claims) {
    Weight held = new Weight();
    boolean v2 = isExactlyTwo(claims.getValue("v"));
    ScopedEntries features = ScopedEntries.of(claims.getValue("fea"), shared, held);
    ScopedEntries plans = ScopedEntries.of(claims.getValue("pla"), shared, held);
    Object o = claims.getValue("o");
    boolean malformed = v2 && JsText.truthy(o) && (features.malformed()
      || o instanceof JsonObject obj && (notAString(obj.getValue("per")) || notAString(obj.getValue("fpm"))));
    Organization org = v2 ? organizationV2(o, features, held) : organizationV1(claims, held);
    if (org != null) {
      held.add(org.bytes());
    }
    String actor = claims.getValue("act") instanceof JsonObject act ? act.encode() : null;
    held.add(Weights.string(actor));
    String azp = str(claims, "azp");
    long ages = malformed ? ClerkIdentity.MALFORMED_CLAIMS
      : FactorAges.pack(FactorAges.parse(claims.getValue("fva") instanceof JsonArray a ? a.getList() : null));
    return new ClerkIdentity(str(claims, "sub"), str(claims, "sid"), org, features, plans, ages, actor,
      azp == null ? null : shared.string(azp, held), num(claims, "iat"), num(claims, "exp"), held.bytes());
  }

  /** Clerk's {@code switch (claims.v) case 2}: the number 2 exactly ({@code 2.0} is 2 in JavaScript; 2.5 and 2^32 + 2 are not). */
  static boolean isExactlyTwo(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue() == 2;
    }
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue() == 2.0;
    }
    if (v instanceof BigInteger b) {
      return b.equals(BigInteger.TWO);
    }
    return v instanceof BigDecimal d && d.compareTo(BigDecimal.valueOf(2)) == 0;
  }

  private Organization organizationV2(Object o, ScopedEntries features, Weight held) {
    if (!(o instanceof JsonObject obj) || nonEmpty(str(obj, "id")) == null) {
      return null;
    }
    String[] orgFeatures = features.malformed() ? NO_NAMES : features.orgNamesInOrder();
    String[] names = NO_NAMES;
    long[] grants = Grants.NONE;
    if (obj.getValue("per") instanceof String per && obj.getValue("fpm") instanceof String fpm && orgFeatures.length > 0) {
      names = shared.names(per, held);
      grants = Grants.decode(fpm, orgFeatures.length, names.length);
    }
    return Organization.v2(str(obj, "id"), str(obj, "slg"), role(prefixed(nonEmpty(str(obj, "rol"))), held),
      orgFeatures, names, grants);
  }

  private Organization organizationV1(JsonObject claims, Weight held) {
    String id = nonEmpty(str(claims, "org_id"));
    if (id == null) {
      return null;
    }
    TreeSet<String> permissions = new TreeSet<>();
    if (claims.getValue("org_permissions") instanceof JsonArray list) {
      for (Object p : list) {
        if (p instanceof String s && !s.isEmpty()) {
          permissions.add(s);
        }
      }
    }
    String[] sorted = permissions.isEmpty() ? NO_NAMES : shared.permissions(permissions.toArray(NO_NAMES), held);
    return Organization.v1(id, str(claims, "org_slug"), role(prefixed(nonEmpty(str(claims, "org_role"))), held), sorted);
  }

  private String role(String role, Weight held) {
    return role == null ? null : shared.string(role, held);
  }

  /** A role or permission as Clerk compares it: {@code org:} prefixed when it lacks the prefix. */
  public static String prefixed(String name) {
    return name == null ? null : name.startsWith("org:") ? name : "org:" + name;
  }

  /** Clerk's parser throws on these: a value present (not null) that is not a string. */
  private static boolean notAString(Object value) {
    return value != null && !(value instanceof String);
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String str(JsonObject c, String key) {
    return c.getValue(key) instanceof String s ? s : null;
  }

  private static Long num(JsonObject c, String key) {
    return c.getValue(key) instanceof Number n ? n.longValue() : null;
  }
}
