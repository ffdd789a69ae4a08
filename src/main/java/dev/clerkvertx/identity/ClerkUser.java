package dev.clerkvertx.identity;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;

/**
 * The Vert.x {@link User} of an authenticated request: {@code ctx.user()}. It carries the caller's
 * {@link ClerkIdentity}; its principal ({@code sub} and {@code sid}, so {@link #subject()} is the
 * user id) and attributes are built only if someone asks. One per request, never shared.
 */
public final class ClerkUser implements User {
  private final ClerkIdentity identity;
  private JsonObject principal;
  private JsonObject attributes;

  public ClerkUser(ClerkIdentity identity) {
    this.identity = identity;
  }

  public ClerkIdentity identity() {
    return identity;
  }

  @Override
  public String subject() {
    return identity.userId();
  }

  @Override
  public JsonObject principal() {
    if (principal == null) {
      principal = new JsonObject().put("sub", identity.userId()).put("sid", identity.sessionId());
    }
    return principal;
  }

  @Override
  public JsonObject attributes() {
    if (attributes == null) {
      attributes = new JsonObject();
    }
    return attributes;
  }

  @Override
  public User merge(User other) {
    if (other != null) {
      principal().mergeIn(other.principal());
      attributes().mergeIn(other.attributes());
    }
    return this;
  }
}
