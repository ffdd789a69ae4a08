package dev.clerkvertx.authz;

import dev.clerkvertx.identity.ClerkIdentity;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards a route with a {@link Requirement}; mount it after the auth edge, so that 401 always wins:
 * {@code router.get("/x").handler(auth).handler(RouteGuard.requiring(req)).handler(...)}. A caller
 * who fails it gets 403 {@code {"message":"Forbidden","statusCode":403}}, or, when only a fresh
 * verification is missing, Clerk's {@code reverification-error} body, which {@code useReverification()}
 * acts on.
 */
public final class RouteGuard implements Handler<RoutingContext> {
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final Buffer FORBIDDEN = Buffer.buffer("{\"message\":\"Forbidden\",\"statusCode\":403}");

  private final Requirement requirement;
  private final Buffer reverificationBody;

  private RouteGuard(Requirement requirement) {
    this.requirement = requirement;
    this.reverificationBody = requirement.reverification() == null ? FORBIDDEN
      : reverificationError(requirement.reverification()).toBuffer();
  }

  public static RouteGuard requiring(Requirement requirement) {
    return new RouteGuard(requirement);
  }

  /** Clerk's body for a missing reverification, with this service's message and status. */
  public static JsonObject reverificationError(Reverification missing) {
    return new JsonObject()
      .put("clerk_error", new JsonObject().put("type", "forbidden").put("reason", "reverification-error")
        .put("metadata", new JsonObject().put("reverification", missing.clerkMetadata())))
      .put("message", "Forbidden").put("statusCode", 403);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ClerkIdentity identity = ClerkIdentity.of(ctx);
    if (identity == null) {
      ctx.fail(new IllegalStateException("RouteGuard mounted without the auth edge before it"));
      return;
    }
    Decision decision = Authorizer.decide(identity, requirement);
    if (decision instanceof Decision.Allowed) {
      ctx.next();
      return;
    }
    ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
      .end(decision instanceof Decision.ReverificationRequired ? reverificationBody : FORBIDDEN);
  }
}
