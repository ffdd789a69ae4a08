package dev.clerkvertx.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;

/**
 * CORS for browser frontends on other origins. A listed origin gets {@code Access-Control-Allow-*}
 * headers with credentials (for the {@code __session} cookie); preflights are answered here, before
 * authentication. Any other origin gets no CORS headers at all and is otherwise served as usual:
 * the browser enforces the rest (Vert.x's own CorsHandler answers 403 instead, which would break
 * same-origin POSTs such as GraphiQL's). {@code *} allows every origin, without credentials.
 */
public final class CorsPolicy implements Handler<RoutingContext> {
  private static final String ALLOW_METHODS = "GET, POST, OPTIONS";
  private static final String ALLOW_HEADERS = "Authorization, Content-Type";
  private static final String MAX_AGE_SECONDS = "600";

  private final Set<String> origins;
  private final boolean anyOrigin;

  public CorsPolicy(List<String> origins) {
    this.anyOrigin = origins.contains("*");
    this.origins = Set.copyOf(origins);
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
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS)
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS)
          .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
      }
      response.setStatusCode(204).putHeader(HttpHeaders.CONTENT_LENGTH, "0").end();
      return;
    }
    ctx.next();
  }
}
