package dev.clerkvertx.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Who the caller is, read from verified Clerk claims. Organisation fields come from the v2
 * {@code o} claim ({@code o.rol} gets the {@code org:} prefix v1 tokens and Clerk's SDKs use) or
 * from the v1 {@code org_*} claims.
 */
public record ClerkIdentity(String userId, String sessionId, String orgId, String orgRole, String orgSlug,
                            String authorizedParty, Long issuedAt, Long expiresAt) {

  /** Where the auth edge leaves the identity of an admitted request. */
  static final String CONTEXT_KEY = "clerk.identity";

  /** The identity of the caller of an authenticated route. */
  public static ClerkIdentity of(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  public static ClerkIdentity fromClaims(JsonObject c) {
    String orgId = str(c, "org_id");
    String orgRole = str(c, "org_role");
    String orgSlug = str(c, "org_slug");
    if (c.getValue("o") instanceof JsonObject o) {
      orgId = str(o, "id");
      String rol = str(o, "rol");
      orgRole = rol == null ? null : (rol.startsWith("org:") ? rol : "org:" + rol);
      orgSlug = str(o, "slg");
    }
    return new ClerkIdentity(str(c, "sub"), str(c, "sid"), orgId, orgRole, orgSlug, str(c, "azp"),
      num(c, "iat"), num(c, "exp"));
  }

  /** The principal of {@code ctx.user()}: {@code sub} (so {@code User.subject()} answers the user id) and {@code sid}. */
  JsonObject principal() {
    return new JsonObject(Map.of("sub", userId, "sid", sessionId));
  }

  /** Estimated heap bytes of this identity, for the cache's memory bound. */
  int estimatedBytes() {
    return 64 + chars(userId) + chars(sessionId) + chars(orgId) + chars(orgRole) + chars(orgSlug) + chars(authorizedParty);
  }

  private static int chars(String s) {
    return s == null ? 0 : 40 + s.length();
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("userId", userId)
      .put("sessionId", sessionId)
      .put("orgId", orgId)
      .put("orgRole", orgRole)
      .put("orgSlug", orgSlug)
      .put("authorizedParty", authorizedParty)
      .put("issuedAt", issuedAt)
      .put("expiresAt", expiresAt);
  }

  private static String str(JsonObject c, String key) {
    return c.getValue(key) instanceof String s ? s : null;
  }

  private static Long num(JsonObject c, String key) {
    return c.getValue(key) instanceof Number n ? n.longValue() : null;
  }
}
