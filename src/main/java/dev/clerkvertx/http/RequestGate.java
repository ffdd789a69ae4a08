package dev.clerkvertx.http;

import dev.clerkvertx.ops.AccessLog;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every request passes here before the router: a method the service never routes gets 501 at once
 * (a made-up method name must not reach routing, nor any metric label), every answer gets
 * {@code X-Content-Type-Options: nosniff} (ping ids are echoed back), and the connection guard learns
 * that a request head arrived. While the process drains, every answer closes its connection.
 */
final class RequestGate implements Handler<HttpServerRequest> {
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF_VALUE = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence ALLOW = HttpHeaders.createOptimized("GET, HEAD, POST, OPTIONS");
  private static final String NOT_IMPLEMENTED = "{\"message\":\"Not Implemented\",\"statusCode\":501}";

  private final Router router;
  private final ConnectionGuard guard;
  private final boolean accessLog;
  private final AtomicBoolean draining;
  private final long drainMillis;

  /** @param drainMillis how long a connection answered during the drain may take to close */
  RequestGate(Router router, ConnectionGuard guard, boolean accessLog, AtomicBoolean draining, long drainMillis) {
    this.router = router;
    this.guard = guard;
    this.accessLog = accessLog;
    this.draining = draining;
    this.drainMillis = drainMillis;
  }

  /** The methods some route answers; any other gets 501. */
  static boolean routed(HttpMethod m) {
    return m == HttpMethod.GET || m == HttpMethod.POST || m == HttpMethod.OPTIONS || m == HttpMethod.HEAD;
  }

  @Override
  public void handle(HttpServerRequest request) {
    guard.headArrived(request);
    var response = request.response();
    response.headers().add(NOSNIFF, NOSNIFF_VALUE);
    if (draining.get()) {
      // the load balancer has not seen /ready turn 503 yet: answer, then close so the client reconnects elsewhere
      response.headers().add(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      request.connection().shutdown(drainMillis, TimeUnit.MILLISECONDS);
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
    router.handle(request);
  }
}
