package dev.clerkvertx.auth;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;

import java.util.List;

/**
 * Finds the session token the way Clerk's SDKs do and hands it to {@link JWTAuthHandler}:
 * {@code Authorization: Bearer} (scheme case-insensitive) wins; only when that header is absent is
 * the {@code __session} cookie used. A rejected header is never rescued by a valid cookie (which
 * {@code ChainAuthHandler.any()} would do), two Authorization headers are refused, and the query
 * string is never read.
 */
public final class SessionTokenHandler implements Handler<RoutingContext> {
  /** Context key set when the authentication stage ran: failures without a user after it are auth failures. */
  public static final String AUTH_ATTEMPTED = "clerk.auth.attempted";
  static final String SESSION_COOKIE = "__session";
  private static final String BEARER = "Bearer ";

  private final JWTAuthHandler jwtAuthHandler;

  public SessionTokenHandler(JWTAuthHandler jwtAuthHandler) {
    this.jwtAuthHandler = jwtAuthHandler;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(AUTH_ATTEMPTED, Boolean.TRUE);
    MultiMap headers = ctx.request().headers();
    List<String> authorization = headers.getAll(HttpHeaders.AUTHORIZATION);
    if (authorization.size() > 1) {
      ctx.fail(401, new TokenRejectedException(TokenRejection.MULTIPLE_AUTHORIZATION));
      return;
    }
    if (authorization.size() == 1) {
      String value = authorization.get(0).strip();
      if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        ctx.fail(401, new TokenRejectedException(
          value.regionMatches(true, 0, "Bearer", 0, 6) ? TokenRejection.MALFORMED : TokenRejection.NOT_BEARER));
        return;
      }
      String token = value.substring(BEARER.length()).strip();
      if (token.isEmpty()) {
        ctx.fail(401, new TokenRejectedException(TokenRejection.MALFORMED));
        return;
      }
      // JWTAuthHandler reads only this header; give it one canonical form
      headers.set(HttpHeaders.AUTHORIZATION, BEARER + token);
    } else {
      Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
      if (cookie != null && !cookie.getValue().isEmpty()) {
        headers.set(HttpHeaders.AUTHORIZATION, BEARER + cookie.getValue());
      }
    }
    jwtAuthHandler.handle(ctx);
  }
}
