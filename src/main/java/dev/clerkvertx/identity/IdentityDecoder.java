package dev.clerkvertx.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Decodes the identity of a verified Clerk session token, exactly as Clerk's JavaScript SDK does.
 * v2 ({@code "v": 2}): the {@code o} object ({@code id}, {@code slg}, {@code rol} answered as
 * {@code org:<rol>}) and permissions decoded from {@code o.per}, {@code o.fpm} and the organisation
 * features of {@code fea}: bit {@code j} of the {@code i}-th mask (arbitrary precision) grants
 * {@code org:<feature_i>:<per_j>}. Otherwise v1: {@code org_id}, {@code org_role}, {@code org_slug},
 * {@code org_permissions}. Claims of the wrong shape never fail: they grant nothing.
 * Organisations, feature and plan lists, factor ages and authorized parties are shared between the
 * sessions that carry the same ones (a bounded pool), so that many cached sessions cost one copy.
 */
public final class IdentityDecoder {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final int SHARED_VALUES = 10_000;
  /** Every value that is not a string decodes alike (malformed): one key for them all. */
  private static final Object NOT_A_STRING = new Object();

  private final Cache<Object, Object> shared = Caffeine.newBuilder().maximumSize(SHARED_VALUES)
    .executor(Runnable::run).build();

  private record OrgKey(String id, String slug, String role, Object permissionSource) {
  }

  private record EntriesKey(String claim, Object value) {
  }

  /** Drops every shared value (sessions keep theirs): the overload manager's way to shrink the heap. */
  public void clear() {
    shared.invalidateAll();
  }

  public ClerkIdentity decode(JsonObject claims) {
    boolean v2 = claims.getValue("v") instanceof Number n && n.intValue() == 2;
    ScopedEntries features = entries("fea", claims.getValue("fea"));
    ScopedEntries plans = entries("pla", claims.getValue("pla"));
    Organization org = v2 ? organizationV2(claims, features) : organizationV1(claims);
    Object act = claims.getValue("act");
    Object azp = claims.getValue("azp");
    return new ClerkIdentity(str(claims, "sub"), str(claims, "sid"), org, features, plans,
      shareAges(FactorAges.parse(claims.getValue("fva") instanceof JsonArray a ? a.getList() : null)),
      act instanceof JsonObject actor ? actor.copy() : null,
      azp instanceof String s ? share(s, () -> s) : null, num(claims, "iat"), num(claims, "exp"));
  }

  private Organization organizationV2(JsonObject claims, ScopedEntries features) {
    if (!(claims.getValue("o") instanceof JsonObject o) || str(o, "id") == null) {
      return null;
    }
    Object per = o.getValue("per");
    Object fpm = o.getValue("fpm");
    Object fea = claims.getValue("fea");
    String role = prefixed(str(o, "rol"));
    return share(new OrgKey(str(o, "id"), str(o, "slg"), role, Arrays.asList(per, fpm, fea)),
      () -> new Organization(str(o, "id"), str(o, "slg"), role,
      features.malformed() ? Set.of() : permissions(per, fpm, features.orgNamesInOrder())));
  }

  private Organization organizationV1(JsonObject claims) {
    String id = str(claims, "org_id");
    if (id == null) {
      return null;
    }
    Set<String> permissions = new LinkedHashSet<>();
    if (claims.getValue("org_permissions") instanceof JsonArray list) {
      for (Object p : list) {
        if (p instanceof String s && !s.isEmpty()) {
          permissions.add(s);
        }
      }
    }
    String role = prefixed(str(claims, "org_role"));
    return share(new OrgKey(id, str(claims, "org_slug"), role, List.copyOf(permissions)),
      () -> new Organization(id, str(claims, "org_slug"), role, permissions));
  }

  /** {@code org:<feature_i>:<per_j>} for every bit {@code j} set in the {@code i}-th mask. */
  static Set<String> permissions(Object per, Object fpm, List<String> features) {
    if (!(per instanceof String perText) || !(fpm instanceof String fpmText)) {
      return Set.of();
    }
    List<String> names = new ArrayList<>();
    for (String p : perText.split(",", -1)) {
      names.add(p.strip());
    }
    String[] masks = fpmText.split(",", -1);
    Set<String> granted = new LinkedHashSet<>();
    for (int i = 0; i < Math.min(masks.length, features.size()); i++) {
      String digits = masks[i].strip();
      if (!DIGITS.matcher(digits).matches()) {
        continue;
      }
      BigInteger mask = new BigInteger(digits);
      for (int j = 0; j < Math.min(names.size(), mask.bitLength()); j++) {
        if (mask.testBit(j) && !names.get(j).isEmpty()) {
          granted.add("org:" + features.get(i) + ":" + names.get(j));
        }
      }
    }
    return granted;
  }

  private ScopedEntries entries(String claim, Object value) {
    return value == null ? ScopedEntries.NONE
      : share(new EntriesKey(claim, value instanceof String ? value : NOT_A_STRING), () -> ScopedEntries.parse(value));
  }

  private FactorAges shareAges(FactorAges ages) {
    return ages == null ? null : share(ages, () -> ages);
  }

  @SuppressWarnings("unchecked")
  private <T> T share(Object key, Supplier<T> make) {
    return (T) shared.get(key, k -> make.get());
  }

  /** A role or permission as Clerk compares it: {@code org:} prefixed when it lacks the prefix. */
  public static String prefixed(String name) {
    return name == null ? null : name.startsWith("org:") ? name : "org:" + name;
  }

  private static String str(JsonObject c, String key) {
    return c.getValue(key) instanceof String s ? s : null;
  }

  private static Long num(JsonObject c, String key) {
    return c.getValue(key) instanceof Number n ? n.longValue() : null;
  }
}
