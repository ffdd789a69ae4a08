package dev.clerkvertx.http;

import dev.clerkvertx.auth.Authentication;
import dev.clerkvertx.auth.TokenVerifier;
import dev.clerkvertx.config.HttpSettings;
import dev.clerkvertx.ops.LoopLag;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's HTTP server: its own key client and vertx-auth-jwt verifier (verification is
 * never serialised across event loops), and its own routing table, built from the contributors.
 */
public final class HttpVerticle extends VerticleBase {
  /** A safety net under the request timeout: a connection silent this long is closed. */
  static final int IDLE_TIMEOUT_SECONDS = 120;
  private static final Logger FETCHERS = LoggerFactory.getLogger("dev.clerkvertx.graphql.DataFetchers");

  private final HttpSettings http;
  private final String host;
  private final Clock clock;
  private final Authentication authentication;
  private final List<RouteContributor> contributors;
  private final ListenerBounds bounds;
  private final Future<?> keyOwnerStarted;
  private HttpServer server;
  private LoopLag lag;
  private ConnectionGuard guard;
  private RequestGate gate;

  /**
   * @param host         the address to listen on
   * @param contributors every route of the service, mounted in this order
   * @param keyOwnerStarted completes once the key owner made its first attempt at loading keys: the
   *                     routers are built meanwhile (the first JWKS fetch overlaps them), the listener
   *                     opens after it
   */
  public HttpVerticle(HttpSettings http, String host, Clock clock, Authentication authentication,
                      List<RouteContributor> contributors, ListenerBounds bounds, Future<?> keyOwnerStarted) {
    this.keyOwnerStarted = keyOwnerStarted;
    this.http = http;
    this.host = host;
    this.clock = clock;
    this.authentication = authentication;
    this.contributors = List.copyOf(contributors);
    this.bounds = bounds;
  }

  @Override
  public Future<?> start() {
    TokenVerifier verifier = authentication.verifier(vertx);
    var router = Routes.create(vertx, http, authentication.edge(verifier), verifier::keySet, contributors,
      bounds.largestBodyBytes(), clock, bounds.bodyStats(), bounds.failures());
    guard = new ConnectionGuard(clock, http.requestTimeout(), bounds.firstByteTimeout(),
      http.drainTimeout(), bounds.connections(), bounds.overload());
    guard.start(vertx);
    lag = bounds.overload().watch(vertx);
    gate = new RequestGate(router, guard, http.accessLog(), bounds.overload());
    Promise<Void> keysSettled = Promise.promise();
    keyOwnerStarted.onComplete(ar -> context.runOnContext(v -> {
      if (ar.succeeded()) {
        keysSettled.complete();
      } else {
        keysSettled.fail(ar.cause());
      }
    }));
    return keysSettled.future().compose(v -> verifier.start())
      .compose(v -> vertx.createHttpServer(new HttpServerOptions()
          .setMaxHeaderSize(http.maxHeaderBytes())
          .setMaxInitialLineLength(8 * 1024)
          // HTTP/1.1 only: h2c would bring its own header limits and stream bookkeeping
          .setHttp2ClearTextEnabled(false)
          // no WebSocket is served: without compression Vert.x leaves out Netty's WebSocket extension
          // handler, which throws on every request pipelined past 128 deep, each logged with two stack
          // traces (33 KB of pipelined requests made 1.7 MB of log, and the loop's time for it an OOM)
          .setPerMessageWebSocketCompressionSupported(false)
          .setPerFrameWebSocketCompressionSupported(false)
          .setIdleTimeout(IDLE_TIMEOUT_SECONDS))
        .connectionHandler(guard::opened)
        .requestHandler(gate)
        .listen(http.port(), host))
      .onSuccess(s -> {
        server = s;
        bounds.connections().acceptGate().install(s);
      });
  }

  @Override
  public Future<?> stop() {
    if (lag != null) {
      lag.close();
    }
    return Future.succeededFuture();
  }

  /**
   * Keeps serving for {@code delay}, every answer closing its connection (idle connections close at
   * once), then stops accepting connections and lets in-flight requests finish, closing what is left
   * after {@code grace}. The caller has turned readiness off. Safe to call from any thread.
   */
  public Future<Void> drain(Duration delay, Duration grace) {
    if (server == null) {
      return Future.succeededFuture();
    }
    context.runOnContext(v -> {
      gate.drain();
      guard.drain(delay.plus(grace));
    });
    Future<?> served = delay.isZero() ? Future.succeededFuture() : vertx.timer(delay.toMillis(), TimeUnit.MILLISECONDS);
    return served.compose(v -> server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** The port this instance listens on (useful when configured with port 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
