package dev.clerkvertx.http;

import dev.clerkvertx.auth.Authentication;
import dev.clerkvertx.auth.TokenVerifier;
import dev.clerkvertx.config.HttpSettings;
import dev.clerkvertx.ops.LoopLag;
import io.vertx.core.Future;
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
  private HttpServer server;
  private LoopLag lag;

  /**
   * @param host         the address to listen on
   * @param contributors every route of the service, mounted in this order
   */
  public HttpVerticle(HttpSettings http, String host, Clock clock, Authentication authentication,
                      List<RouteContributor> contributors, ListenerBounds bounds) {
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
    ConnectionGuard guard = new ConnectionGuard(clock, http.requestTimeout(), bounds.firstByteTimeout(),
      http.drainTimeout(), bounds.connections(), bounds.overload());
    guard.start(vertx);
    lag = bounds.overload().watch(vertx);
    return verifier.start()
      .compose(v -> vertx.createHttpServer(new HttpServerOptions()
          .setMaxHeaderSize(http.maxHeaderBytes())
          .setMaxInitialLineLength(8 * 1024)
          // HTTP/1.1 only: h2c would bring its own header limits and stream bookkeeping
          .setHttp2ClearTextEnabled(false)
          .setIdleTimeout(IDLE_TIMEOUT_SECONDS))
        .connectionHandler(guard::opened)
        .requestHandler(new RequestGate(router, guard, http.accessLog(), bounds.overload()))
        .listen(http.port(), host))
      .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    if (lag != null) {
      lag.close();
    }
    return Future.succeededFuture();
  }

  /**
   * Stops accepting connections and lets in-flight requests finish, closing what is left after
   * {@code grace}. Safe to call from any thread.
   */
  public Future<Void> drain(Duration grace) {
    return server == null ? Future.succeededFuture() : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The port this instance listens on (useful when configured with port 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
