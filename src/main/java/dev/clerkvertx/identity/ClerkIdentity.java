package dev.clerkvertx.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * Who the caller is, decoded once from a verified session token ({@link IdentityDecoder}) and kept
 * with the cached session: read by every route and GraphQL field, never recomputed per request.
 * Compact, since a node may hold a hundred thousand of them: the user and session ids share one byte
 * array, times and factor ages are primitive, the actor is kept as its JSON text, feature and plan
 * lists, names and authorized parties are shared between sessions ({@link SharedValues}), and the
 * organisation holds permission bits, not strings. {@link #estimatedBytes()} weighs all it holds.
 */
public final class ClerkIdentity {
  /** This object: header, six references, an int, three longs. */
  private static final int OBJECT_BYTES = 64;
  /** A time claim the token does not carry. */
  private static final long ABSENT = Long.MIN_VALUE;
  /** In place of factor ages: claims Clerk's parser cannot read (see {@link #claimsMalformed()}). */
  static final long MALFORMED_CLAIMS = Long.MIN_VALUE + 1;

  private final byte[] ids;
  private final Organization organization;
  private final ScopedEntries features;
  private final ScopedEntries plans;
  /** {@link FactorAges#pack packed} factor ages, or {@link #MALFORMED_CLAIMS}. */
  private final long factorAges;
  private final String actor;
  private final String authorizedParty;
  private final long issuedAt;
  private final long expiresAt;
  private final int estimatedBytes;

  /**
   * @param factorAges {@link FactorAges#pack packed}, or {@link #MALFORMED_CLAIMS}
   * @param actor      the {@code act} claim's JSON text, or null
   * @param heldBytes  what the parts hold besides this object and its ids: the organisation's own
   *                   bytes, the actor, and any value the shared pool did not take
   */
  ClerkIdentity(String userId, String sessionId, Organization organization, ScopedEntries features, ScopedEntries plans,
                long factorAges, String actor, String authorizedParty, Long issuedAt, Long expiresAt, long heldBytes) {
    this.ids = pack(userId, sessionId);
    this.organization = organization;
    this.features = features;
    this.plans = plans;
    this.factorAges = factorAges;
    this.actor = actor;
    this.authorizedParty = authorizedParty;
    this.issuedAt = issuedAt == null ? ABSENT : issuedAt;
    this.expiresAt = expiresAt == null ? ABSENT : expiresAt;
    this.estimatedBytes = (int) Math.min(Integer.MAX_VALUE, OBJECT_BYTES + Weights.bytes(ids.length) + heldBytes);
  }

  /** The identity of the caller of an authenticated route (null on an unauthenticated one). */
  public static ClerkIdentity of(RoutingContext ctx) {
    return ctx.user() instanceof ClerkUser user ? user.identity() : null;
  }

  /** {@code sub}. */
  public String userId() {
    return unpack(0);
  }

  /** {@code sid}, or null. */
  public String sessionId() {
    return unpack(1);
  }

  /** The active organisation, or null. */
  public Organization organization() {
    return organization;
  }

  /** {@code fea}. */
  public ScopedEntries features() {
    return features;
  }

  /** {@code pla}. */
  public ScopedEntries plans() {
    return plans;
  }

  /** {@code fva}, or null when absent, not two integers, or when the claims are malformed. */
  public FactorAges factorAges() {
    return FactorAges.unpack(factorAges);
  }

  /**
   * True when the token's claims are ones Clerk's SDK cannot build an auth object from (a v2 token
   * with an organisation and a malformed {@code fea}, or an {@code o.per}/{@code o.fpm} that is not
   * a string): then every authorization check is denied.
   */
  public boolean claimsMalformed() {
    return factorAges == MALFORMED_CLAIMS;
  }

  /** The {@code act} claim (impersonation), or null; shown, never an authority. */
  public JsonObject actor() {
    return actor == null ? null : new JsonObject(actor);
  }

  public String authorizedParty() {
    return authorizedParty;
  }

  /** {@code iat} in seconds, or null. */
  public Long issuedAt() {
    return issuedAt == ABSENT ? null : issuedAt;
  }

  /** {@code exp} in seconds, or null. */
  public Long expiresAt() {
    return expiresAt == ABSENT ? null : expiresAt;
  }

  /** What {@code /me} and GraphQL's {@code me} answer. */
  public JsonObject toJson() {
    Organization org = organization;
    return new JsonObject()
      .put("userId", userId())
      .put("sessionId", sessionId())
      .put("orgId", org == null ? null : org.id())
      .put("orgRole", org == null ? null : org.role())
      .put("orgSlug", org == null ? null : org.slug())
      .put("orgPermissions", new JsonArray(org == null ? List.of() : List.copyOf(new TreeSet<>(org.permissions()))))
      .put("features", new JsonArray(features.entries()))
      .put("plans", new JsonArray(plans.entries()))
      .put("factorVerificationAge", factorAges() == null ? null : new JsonArray(factorAges().toList()))
      .put("actor", actor())
      .put("authorizedParty", authorizedParty)
      .put("issuedAt", issuedAt())
      .put("expiresAt", expiresAt());
  }

  /**
   * Estimated heap bytes this identity holds on its own, for the session cache's memory bound:
   * this object, its id bytes, its organisation (id, slug, permission bits), its actor's text, and
   * any value the shared pool did not take. Pooled values are charged to the cache once, by the pool.
   */
  public int estimatedBytes() {
    return estimatedBytes;
  }

  /** Both ids in one array: two length bytes, the user id, then the session id (UTF-8); no session: length 0xFFFF. */
  private static byte[] pack(String userId, String sessionId) {
    byte[] user = userId == null ? new byte[0] : userId.getBytes(StandardCharsets.UTF_8);
    byte[] session = sessionId == null ? new byte[0] : sessionId.getBytes(StandardCharsets.UTF_8);
    int userLength = Math.min(user.length, 0xFFFE);
    byte[] packed = new byte[2 + userLength + session.length];
    int header = sessionId == null ? 0xFFFF : userLength;
    packed[0] = (byte) (header >>> 8);
    packed[1] = (byte) header;
    System.arraycopy(user, 0, packed, 2, userLength);
    System.arraycopy(session, 0, packed, 2 + userLength, session.length);
    return packed;
  }

  private String unpack(int which) {
    int header = ((ids[0] & 0xFF) << 8) | (ids[1] & 0xFF);
    int userLength = header == 0xFFFF ? ids.length - 2 : header;
    if (which == 0) {
      return new String(ids, 2, userLength, StandardCharsets.UTF_8);
    }
    return header == 0xFFFF ? null : new String(ids, 2 + userLength, ids.length - 2 - userLength, StandardCharsets.UTF_8);
  }
}
