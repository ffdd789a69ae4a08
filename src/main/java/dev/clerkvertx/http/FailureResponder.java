package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.auth.KeysUnavailableException;
import dev.clerkvertx.auth.TokenRejectedException;
import dev.clerkvertx.auth.TokenRejection;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Writes every failed request's answer. Authentication failures become the contract's 401 (with
 * RFC 6750 {@code WWW-Authenticate}) or 503 (keys not loaded, with {@code Retry-After}); on
 * {@code /graphql} the body also carries GraphQL-shaped errors. Any other failure becomes
 * {@code {"message","statusCode"}}; only a 500 is logged as an error. Nothing from the token is echoed.
 */
public final class FailureResponder implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureResponder.class);
  static final String REALM = "clerk";
  static final String RETRY_AFTER_SECONDS = "5";

  private final AuthEvents events;

  public FailureResponder(AuthEvents events) {
    this.events = events;
  }

  /**
   * The failure handler of protected routes: a failure before a user is set is an authentication
   * failure (401 or 503); anything later goes on to the generic answer.
   */
  public Handler<RoutingContext> forAuthentication() {
    return ctx -> {
      if (ctx.user() != null || ctx.response().headWritten()) {
        ctx.next();
        return;
      }
      Throwable failure = ctx.failure();
      if (find(failure, KeysUnavailableException.class) != null) {
        unavailable(ctx);
        return;
      }
      TokenRejectedException rejected = find(failure, TokenRejectedException.class);
      TokenRejection reason;
      if (rejected != null) {
        reason = rejected.reason();
      } else if (ctx.statusCode() == 401 && ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
        reason = TokenRejection.MISSING_TOKEN;
      } else {
        // JWTAuthHandler's own 400s (bad characters, too many segments) are malformed tokens: 401
        reason = TokenRejection.MALFORMED;
      }
      unauthorized(ctx, reason);
    };
  }

  /** Any other failure: {@code {"message","statusCode"}}; a 500 is logged with its cause. */
  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
    if (status == 500) {
      LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
    }
    Routes.json(ctx, status, body(status));
  }

  private void unauthorized(RoutingContext ctx, TokenRejection reason) {
    LOG.debug("authentication failed: {}", reason.code());
    events.rejected(reason);
    String challenge = "Bearer realm=\"" + REALM + "\"";
    if (reason.description() != null) {
      challenge += ", error=\"invalid_token\", error_description=\"" + reason.description() + "\"";
    }
    ctx.response().headers().set("WWW-Authenticate", challenge);
    JsonObject body = body(401);
    if (isGraphQL(ctx)) {
      body.put("errors", graphQLErrors("Unauthorized", "UNAUTHENTICATED"));
    }
    Routes.json(ctx, 401, body);
  }

  private void unavailable(RoutingContext ctx) {
    LOG.debug("authentication impossible: no verification keys loaded");
    events.unavailable();
    ctx.response().headers().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    JsonObject body = body(503);
    if (isGraphQL(ctx)) {
      body.put("errors", graphQLErrors("Service Unavailable", "SERVICE_UNAVAILABLE"));
    }
    Routes.json(ctx, 503, body);
  }

  private static boolean isGraphQL(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    return path.equals("/graphql") || path.startsWith("/graphql/");
  }

  private static JsonArray graphQLErrors(String message, String code) {
    return new JsonArray().add(new JsonObject().put("message", message)
      .put("extensions", new JsonObject().put("code", code)));
  }

  static JsonObject body(int status) {
    return new JsonObject()
      .put("message", HttpResponseStatus.valueOf(status).reasonPhrase())
      .put("statusCode", status);
  }


  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
