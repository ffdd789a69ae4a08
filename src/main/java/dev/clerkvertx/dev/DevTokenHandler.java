package dev.clerkvertx.dev;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/**
 * {@code POST /dev/token}: mints a dev token for callers on the loopback address. Body (optional):
 * {@code {"claims": {…overrides…}, "lifetimeSeconds": 3600}}; a null claim value removes the claim.
 */
public final class DevTokenHandler implements Handler<RoutingContext> {
  private static final long MAX_LIFETIME_SECONDS = 7 * 24 * 3600;
  private final DevIssuer issuer;

  public DevTokenHandler(DevIssuer issuer) {
    this.issuer = issuer;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!isLoopbackCaller(ctx)) {
      answer(ctx, 403, new JsonObject().put("message", "dev tokens are minted for loopback callers only"));
      return;
    }
    JsonObject body;
    try {
      // curl -X POST with no body, or an empty one: all defaults
      body = ctx.body().length() <= 0 ? new JsonObject() : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      answer(ctx, 400, new JsonObject().put("message", "body must be a JSON object: {\"claims\":{...},\"lifetimeSeconds\":N}"));
      return;
    }
    Object claims = body.getValue("claims", new JsonObject());
    Object lifetime = body.getValue("lifetimeSeconds", DevIssuer.DEFAULT_LIFETIME.toSeconds());
    if (!(claims instanceof JsonObject overrides)) {
      answer(ctx, 400, new JsonObject().put("message", "claims must be a JSON object"));
      return;
    }
    if (!(lifetime instanceof Number n) || n.longValue() < 1 || n.longValue() > MAX_LIFETIME_SECONDS) {
      answer(ctx, 400, new JsonObject().put("message", "lifetimeSeconds must be a number from 1 to " + MAX_LIFETIME_SECONDS));
      return;
    }
    String token = issuer.mint(overrides, Duration.ofSeconds(n.longValue()));
    answer(ctx, 200, new JsonObject().put("token", token));
  }

  /** The TCP peer is loopback and no proxy claims to forward someone else. */
  static boolean isLoopbackCaller(RoutingContext ctx) {
    if (ctx.request().getHeader("X-Forwarded-For") != null || ctx.request().getHeader("Forwarded") != null) {
      return false;
    }
    String ip = ctx.request().connection().remoteAddress().hostAddress();
    return ip != null && (ip.startsWith("127.") || ip.equals("0:0:0:0:0:0:0:1") || ip.equals("::1"));
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
