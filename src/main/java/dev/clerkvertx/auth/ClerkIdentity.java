package dev.clerkvertx.auth;

import io.vertx.core.json.JsonObject;

/**
 * Who the caller is, read from verified Clerk claims. Organisation fields come from the v2
 * {@code o} claim ({@code o.rol} gets the {@code org:} prefix v1 tokens and Clerk's SDKs use) or
 * from the v1 {@code org_*} claims.
 */
public record ClerkIdentity(String userId, String sessionId, String orgId, String orgRole, String orgSlug,
                            String authorizedParty, Long issuedAt, Long expiresAt) {

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
