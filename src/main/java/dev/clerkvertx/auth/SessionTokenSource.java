package dev.clerkvertx.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/**
 * Finds the session token the way Clerk's SDKs do: {@code Authorization: Bearer} (scheme
 * case-insensitive) wins; only when that header is absent is Clerk's session cookie used, read by
 * {@link SessionCookies} and only for a request {@link CookieOriginPolicy} lets it authenticate. A
 * rejected header is never rescued by a valid cookie, two Authorization headers are refused, and the
 * query string is never read.
 */
public final class SessionTokenSource {
  static final String BEARER = "Bearer ";

  private final SessionCookies cookies;
  private final CookieOriginPolicy origins;

  public SessionTokenSource(SessionCookies cookies, CookieOriginPolicy origins) {
    this.cookies = cookies;
    this.origins = origins;
  }

  /** The presented token; throws {@link TokenRejectedException} when there is none or it is unusable here. */
  public PresentedToken find(HttpServerRequest request) {
    List<String> authorization = request.headers().getAll(HttpHeaders.AUTHORIZATION);
    if (authorization.size() > 1) {
      throw new TokenRejectedException(TokenRejection.MULTIPLE_AUTHORIZATION);
    }
    if (authorization.size() == 1) {
      String value = authorization.get(0);
      if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        throw new TokenRejectedException(value.strip().regionMatches(true, 0, "Bearer", 0, 6)
          ? TokenRejection.MALFORMED : TokenRejection.NOT_BEARER);
      }
      String token = value.substring(BEARER.length()).strip();
      if (token.isEmpty()) {
        throw new TokenRejectedException(TokenRejection.MALFORMED);
      }
      return new PresentedToken(token, value.startsWith(BEARER) && token.length() == value.length() - BEARER.length());
    }
    PresentedToken cookie = cookies.find(request);
    TokenRejection refusal = origins.refusal(request);
    if (refusal != null) {
      throw new TokenRejectedException(refusal);
    }
    return cookie;
  }
}
