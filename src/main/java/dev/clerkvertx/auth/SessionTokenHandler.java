package dev.clerkvertx.auth;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.impl.UserContextInternal;
import io.vertx.ext.auth.User;

import java.util.List;

/**
 * Finds the session token the way Clerk's SDKs do and hands it to {@link JWTAuthHandler}:
 * {@code Authorization: Bearer} (scheme case-insensitive) wins; only when that header is absent is
 * the {@code __session} cookie used. A rejected header is never rescued by a valid cookie (which
 * {@code ChainAuthHandler.any()} would do), two Authorization headers are refused, and the query
 * string is never read.
 */
public final class SessionTokenHandler implements Handler<RoutingContext> {
  static final String SESSION_COOKIE = "__session";
  private static final String BEARER = "Bearer ";

  private final JWTAuthHandler jwtAuthHandler;
  private final ClerkJwtAuth auth;

  /** @param jwtAuthHandler a {@code JWTAuthHandler} over {@code auth} */
  public SessionTokenHandler(JWTAuthHandler jwtAuthHandler, ClerkJwtAuth auth) {
    this.jwtAuthHandler = jwtAuthHandler;
    this.auth = auth;
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.request().headers();
    List<String> authorization = headers.getAll(HttpHeaders.AUTHORIZATION);
    if (authorization.size() > 1) {
      ctx.fail(401, new TokenRejectedException(TokenRejection.MULTIPLE_AUTHORIZATION));
      return;
    }
    String token = null;
    boolean canonical = false;
    if (authorization.size() == 1) {
      String value = authorization.get(0);
      if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        String trimmed = value.strip();
        ctx.fail(401, new TokenRejectedException(
          trimmed.regionMatches(true, 0, "Bearer", 0, 6) ? TokenRejection.MALFORMED : TokenRejection.NOT_BEARER));
        return;
      }
      token = value.substring(BEARER.length()).strip();
      if (token.isEmpty()) {
        ctx.fail(401, new TokenRejectedException(TokenRejection.MALFORMED));
        return;
      }
      canonical = value.startsWith(BEARER) && token.length() == value.length() - BEARER.length();
    } else {
      Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
      if (cookie != null && !cookie.getValue().isEmpty()) {
        token = cookie.getValue();
      }
    }
    if (token != null) {
      // the cache sits in front of JWTAuthHandler: a string that passed every check before, within
      // its time window and with its key still loaded, costs one lookup
      User cached = auth.cachedUser(token);
      if (cached != null) {
        ((UserContextInternal) ctx.userContext()).setUser(cached);
        ctx.next();
        return;
      }
      if (!canonical) {
        // JWTAuthHandler reads only this header, so the cookie's token or an untidy header is
        // handed to it in one canonical form
        headers.set(HttpHeaders.AUTHORIZATION, BEARER + token);
      }
    }
    jwtAuthHandler.handle(ctx);
  }
}
