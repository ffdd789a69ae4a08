package dev.clerkvertx.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON answers in the service's shape, for any route's handler. */
public final class Reply {
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private Reply() {
  }

  public static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    return ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body.toBuffer());
  }

  public static Future<Void> json(RoutingContext ctx, int status, JsonArray body) {
    return ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body.toBuffer());
  }

  /** {@code {"message": message, "statusCode": status}}; the message goes to the client as is. */
  public static Future<Void> error(RoutingContext ctx, int status, String message) {
    return json(ctx, status, new JsonObject().put("message", message).put("statusCode", status));
  }

  /** {@code {"message": <reason phrase>, "statusCode": status}}. */
  public static Future<Void> status(RoutingContext ctx, int status) {
    return error(ctx, status, HttpResponseStatus.valueOf(status).reasonPhrase());
  }
}
