package dev.clerkvertx.dev;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;

/**
 * {@code POST /dev/token}: mints a dev token for the local callers {@link DevMode}'s gate lets through.
 * Body (optional; {@code application/json} only):
 * {@code {"org": {"id","slug","role","permissions":[…]}, "features": [...], "plans": [...],
 * "fva": [first, second], "claims": {…raw overrides…}, "lifetimeSeconds": 3600}}; a null claim value
 * in {@code claims} removes the claim.
 */
final class DevTokenHandler implements Handler<RoutingContext> {
  private static final long MAX_LIFETIME_SECONDS = 7 * 24 * 3600;
  /** The body's fields; any other is refused, so that a misspelt one is not silently left out of the token. */
  static final List<String> FIELDS = List.of("org", "features", "plans", "fva", "claims", "lifetimeSeconds");
  private final DevIssuer issuer;

  DevTokenHandler(DevIssuer issuer) {
    this.issuer = issuer;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    boolean empty = ctx.body().length() <= 0;
    // JSON only: a form or text/plain POST is what another page can send without a preflight.
    // `curl -X POST` with no body (and so no Content-Type) still mints with all defaults
    if (type == null ? !empty : !isJson(type)) {
      answer(ctx, 415, new JsonObject().put("message", "send the overrides as a JSON body (Content-Type: application/json)"));
      return;
    }
    JsonObject body;
    try {
      body = empty ? new JsonObject() : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      answer(ctx, 400, new JsonObject().put("message", "body must be a JSON object: {\"claims\":{...},\"lifetimeSeconds\":N}"));
      return;
    }
    List<String> unknown = body.fieldNames().stream().filter(f -> !FIELDS.contains(f)).sorted().toList();
    if (!unknown.isEmpty()) {
      answer(ctx, 400, new JsonObject().put("message", "unknown field" + (unknown.size() > 1 ? "s " : " ")
        + String.join(", ", unknown) + "; the fields are " + String.join(", ", FIELDS)));
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
    JsonObject all;
    try {
      all = DevClaims.claims(body).mergeIn(overrides);
    } catch (IllegalArgumentException e) {
      answer(ctx, 400, new JsonObject().put("message", e.getMessage()));
      return;
    }
    String token = issuer.mint(all, Duration.ofSeconds(n.longValue()));
    answer(ctx, 200, new JsonObject().put("token", token));
  }

  private static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().equalsIgnoreCase("application/json");
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
