package dev.clerkvertx.http;

import dev.clerkvertx.config.CorsSettings;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * CORS for browser frontends on other origins. A listed origin gets {@code Access-Control-Allow-*}
 * headers with credentials (for the {@code __session} cookie), and the configured exposed headers;
 * preflights are answered here, before authentication, with the configured methods, headers and
 * max age. Any other origin gets no CORS headers at all and is otherwise served as usual: the
 * browser enforces the rest (Vert.x's own CorsHandler answers 403 instead, which would break
 * same-origin POSTs such as GraphiQL's). {@code *} allows every origin, without credentials.
 */
public final class CorsPolicy implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(CorsPolicy.class);
  private final String allowMethods;
  private final String allowHeaders;
  private final String exposeHeaders;
  private final String maxAgeSeconds;

  private final Set<String> origins;
  private final boolean anyOrigin;
  private boolean refusalLogged;

  public CorsPolicy(CorsSettings settings) {
    this.anyOrigin = settings.origins().contains("*");
    this.origins = Set.copyOf(settings.origins());
    this.allowMethods = String.join(", ", settings.methods());
    this.allowHeaders = String.join(", ", settings.headers());
    this.exposeHeaders = settings.exposedHeaders().isEmpty() ? null : String.join(", ", settings.exposedHeaders());
    this.maxAgeSeconds = Integer.toString(settings.maxAgeSeconds());
  }

  @Override
  public void handle(RoutingContext ctx) {
    var request = ctx.request();
    var response = ctx.response();
    response.headers().add(HttpHeaders.VARY, "Origin");
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    boolean preflight = request.method() == HttpMethod.OPTIONS
      && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    boolean allowed = origin != null && (anyOrigin || origins.contains(origin));
    if (allowed) {
      if (anyOrigin) {
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
      } else {
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
      }
    }
    if (preflight) {
      if (allowed) {
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, allowMethods)
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, allowHeaders)
          .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAgeSeconds);
      } else if (origin != null && !refusalLogged) {
        refusalLogged = true;
        LOG.info("A browser preflight from an origin not in CORS_ALLOWED_ORIGINS was refused (origin {}); "
          + "list the origin to allow it. Logged once.", printable(origin));
      }
      response.setStatusCode(204).putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
      return;
    }
    if (allowed && exposeHeaders != null) {
      response.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
    }
    ctx.next();
  }

  /** The origin as a log may show it: printable ASCII, at most 100 characters. */
  private static String printable(String origin) {
    String cut = origin.length() > 100 ? origin.substring(0, 100) + "..." : origin;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
