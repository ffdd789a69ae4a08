package dev.clerkvertx.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who the caller is, decoded once from a verified session token ({@link IdentityDecoder}) and kept
 * with the cached session: read by every route and GraphQL field, never recomputed per request.
 *
 * @param organization the active organisation, or null
 * @param factorAges   {@code fva}, or null when absent or not two integers
 * @param actor        the {@code act} claim (impersonation), or null; shown, never an authority
 */
public record ClerkIdentity(String userId, String sessionId, Organization organization, ScopedEntries features,
                            ScopedEntries plans, FactorAges factorAges, JsonObject actor, String authorizedParty,
                            Long issuedAt, Long expiresAt) {

  /** Where the auth edge leaves the identity of an admitted request. */
  public static final String CONTEXT_KEY = "clerk.identity";

  /** The identity of the caller of an authenticated route (null on an unauthenticated one). */
  public static ClerkIdentity of(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  /** The principal of {@code ctx.user()}: {@code sub} (so {@code User.subject()} answers the user id) and {@code sid}. */
  public JsonObject principal() {
    return new JsonObject(Map.of("sub", userId, "sid", sessionId));
  }

  /** What {@code /me} and GraphQL's {@code me} answer. */
  public JsonObject toJson() {
    Organization org = organization;
    return new JsonObject()
      .put("userId", userId)
      .put("sessionId", sessionId)
      .put("orgId", org == null ? null : org.id())
      .put("orgRole", org == null ? null : org.role())
      .put("orgSlug", org == null ? null : org.slug())
      .put("orgPermissions", new JsonArray(org == null ? List.of() : List.copyOf(new TreeSet<>(org.permissions()))))
      .put("features", new JsonArray(features.entries()))
      .put("plans", new JsonArray(plans.entries()))
      .put("factorVerificationAge", factorAges == null ? null : new JsonArray(factorAges.toList()))
      .put("actor", actor == null ? null : actor.copy())
      .put("authorizedParty", authorizedParty)
      .put("issuedAt", issuedAt)
      .put("expiresAt", expiresAt);
  }

  /** Estimated heap bytes of this identity, for the session cache's memory bound. */
  public int estimatedBytes() {
    return 72 + chars(userId) + chars(sessionId) + (factorAges == null ? 0 : 32) + (actor == null ? 0 : 256)
      + (authorizedParty == null ? 0 : 8) + (issuedAt == null ? 0 : 24) + (expiresAt == null ? 0 : 24);
  }

  private static int chars(String s) {
    return s == null ? 0 : 48 + s.length();
  }
}
