package dev.clerkvertx.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which requests Clerk's session cookie may authenticate. The browser attaches the cookie to every
 * request to the service's site, whichever page sends it, so a request that changes something (any
 * method but {@code GET}, {@code HEAD}, {@code OPTIONS}) must show it comes from the service's own
 * origin or a listed one; else it is refused 403 before any verification. In order:
 * <ol>
 *   <li>{@code Origin} is a listed origin ({@code CORS_ALLOWED_ORIGINS} or
 *       {@code CLERK_AUTHORIZED_PARTIES}; {@code *} lists none): allowed;</li>
 *   <li>{@code Sec-Fetch-Site} is present (set by the browser, never by a page): allowed only when
 *       {@code same-origin} or {@code none}; {@code same-site} (a sibling subdomain) and
 *       {@code cross-site} are refused ({@link TokenRejection#COOKIE_CROSS_SITE});</li>
 *   <li>{@code Origin} is present: allowed only when it names the service's own origin, its host and
 *       port those of {@code X-Forwarded-Host} (first value, as a proxy sets it, and as Clerk's SDK
 *       derives the request URL) or else {@code Host}; the scheme is not compared, since a proxy
 *       ends TLS ({@link TokenRejection#COOKIE_FOREIGN_ORIGIN}); {@code Origin: null} is foreign;</li>
 *   <li>neither header: allowed. Every current browser sends one of them with such a request, so the
 *       caller is not a browser (a server forwarding the user's cookie) and no page chose the request.</li>
 * </ol>
 * A page cannot set {@code Origin}, {@code Sec-Fetch-Site} or {@code Host}, nor add
 * {@code X-Forwarded-Host} without a CORS preflight that only listed origins pass.
 * Requests authenticated by the {@code Authorization} header are not concerned: no browser adds it by itself.
 */
public final class CookieOriginPolicy {
  private static final CharSequence SEC_FETCH_SITE = HttpHeaders.createOptimized("Sec-Fetch-Site");
  private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");

  private final Set<String> listed = new HashSet<>();

  /** Listed origins: the CORS origins and the authorized parties, {@code *} excluded. */
  public CookieOriginPolicy(Collection<String> corsOrigins, Collection<String> authorizedParties) {
    for (Collection<String> origins : java.util.List.of(corsOrigins, authorizedParties)) {
      origins.stream().filter(o -> !o.equals("*")).forEach(o -> listed.add(o.toLowerCase(Locale.ROOT)));
    }
  }

  /** Null when this cookie-authenticated request may go on; else why it is refused (a 403). */
  TokenRejection refusal(HttpServerRequest request) {
    HttpMethod method = request.method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
      return null;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && listed.contains(origin.toLowerCase(Locale.ROOT))) {
      return null;
    }
    String site = request.getHeader(SEC_FETCH_SITE);
    if (site != null) {
      return site.equals("same-origin") || site.equals("none") ? null : TokenRejection.COOKIE_CROSS_SITE;
    }
    if (origin == null) {
      return null;
    }
    return isOwn(origin, request) ? null : TokenRejection.COOKIE_FOREIGN_ORIGIN;
  }

  /** Whether {@code origin}'s host and port are the ones this request was sent to. */
  static boolean isOwn(String origin, HttpServerRequest request) {
    String authority = request.getHeader(X_FORWARDED_HOST);
    if (authority != null) {
      int comma = authority.indexOf(',');
      authority = (comma < 0 ? authority : authority.substring(0, comma)).strip();
    } else {
      authority = request.getHeader(HttpHeaders.HOST);
    }
    int sep = origin.indexOf("://");
    if (authority == null || authority.isEmpty() || sep <= 0) {
      return false;
    }
    String host = origin.substring(sep + 3);
    if (host.isEmpty() || host.indexOf('/') >= 0) {
      return false;
    }
    if (host.equalsIgnoreCase(authority)) {
      return true;
    }
    // an Origin omits its scheme's default port, which a proxy may still write into Host
    String scheme = origin.substring(0, sep).toLowerCase(Locale.ROOT);
    String defaultPort = scheme.equals("https") ? ":443" : scheme.equals("http") ? ":80" : null;
    return defaultPort != null && host.indexOf(':', host.lastIndexOf(']') + 1) < 0
      && authority.equalsIgnoreCase(host + defaultPort);
  }
}
