package dev.clerkvertx.http;

import dev.clerkvertx.ops.AccessLog;
import dev.clerkvertx.ops.OverloadManager;
import dev.clerkvertx.ops.ShedAction;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * Every request passes here before the router: a method outside the standard seven ({@code GET},
 * {@code HEAD}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}, {@code OPTIONS}) gets 501 at
 * once (a made-up method name must not reach routing, nor any metric label), every answer gets
 * {@code X-Content-Type-Options: nosniff} (ping ids are echoed back), and the connection guard learns
 * that a request head arrived. While the overload manager sheds load, a new request gets 503 with
 * {@code Retry-After} (but {@code /health}, and {@code /ready}, which then says 503 itself), and
 * answers close their connection; otherwise this costs one volatile read. While the process drains
 * ({@code SHUTDOWN_DELAY_SECONDS}) every answer closes its connection too, as under overload, so that
 * keep-alive clients reconnect to another replica.
 */
final class RequestGate implements Handler<HttpServerRequest> {
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF_VALUE = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence ALLOW = HttpHeaders.createOptimized("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  private static final String NOT_IMPLEMENTED = "{\"message\":\"Not Implemented\",\"statusCode\":501}";
  private static final String UNAVAILABLE = "{\"message\":\"Service Unavailable\",\"statusCode\":503}";
  private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized(String.valueOf(OverloadManager.RETRY_AFTER_SECONDS));

  private final Router router;
  private final ConnectionGuard guard;
  private final boolean accessLog;
  private final OverloadManager overload;
  /** Set on this verticle's event loop when the drain begins; read there only. */
  private boolean draining;

  RequestGate(Router router, ConnectionGuard guard, boolean accessLog, OverloadManager overload) {
    this.router = router;
    this.guard = guard;
    this.accessLog = accessLog;
    this.overload = overload;
  }

  /** The methods that are routed (and answered 405 where a path has no route for them); any other gets 501. */
  static boolean routed(HttpMethod m) {
    return m == HttpMethod.GET || m == HttpMethod.POST || m == HttpMethod.OPTIONS || m == HttpMethod.HEAD
      || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
  }

  @Override
  public void handle(HttpServerRequest request) {
    guard.headArrived(request);
    var response = request.response();
    response.headers().add(NOSNIFF, NOSNIFF_VALUE);
    int overloaded = overload.actions() | (draining ? OverloadManager.CLOSE_CONNECTIONS : 0);
    if (overloaded != 0 && shed(request, overloaded)) {
      return;
    }
    if (!routed(request.method())) {
      long start = System.nanoTime();
      response.setStatusCode(501).putHeader(HttpHeaders.ALLOW, ALLOW)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(NOT_IMPLEMENTED);
      if (accessLog) {
        AccessLog.write(request, 501, start);
      }
      return;
    }
    // a request that announces a body is routed tapped: the body budget charges its bytes as they arrive
    router.handle(BodyTap.of(request));
  }

  /** From now on every answer closes its connection. Called on this gate's event loop. */
  void drain() {
    draining = true;
  }

  /** True when the request was answered 503; else it goes on, its connection closing after the answer. */
  private boolean shed(HttpServerRequest request, int actions) {
    var response = request.response();
    if ((actions & OverloadManager.CLOSE_CONNECTIONS) != 0) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      request.connection().shutdown();
    }
    String path = request.path();
    if ((actions & OverloadManager.SHED_REQUESTS) == 0 || "/health".equals(path) || "/ready".equals(path)) {
      return false;
    }
    overload.record(ShedAction.REQUEST_REJECTED);
    long start = System.nanoTime();
    response.setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(UNAVAILABLE);
    if (accessLog) {
      AccessLog.write(request, 503, start);
    }
    return true;
  }
}
