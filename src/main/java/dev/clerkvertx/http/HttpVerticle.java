package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEdge;
import dev.clerkvertx.auth.ClaimsValidator;
import dev.clerkvertx.auth.TokenVerifier;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.graphql.GraphQLFactory;
import dev.clerkvertx.jwks.KeySetClient;
import dev.clerkvertx.ops.FailureLog;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's HTTP server: its own key client and vertx-auth-jwt verifier (verification is
 * never serialised across event loops), its own GraphQL instance, the shared routing table.
 */
public final class HttpVerticle extends VerticleBase {
  /** A safety net under the request timeout: a connection silent this long is closed. */
  static final int IDLE_TIMEOUT_SECONDS = 120;
  private static final Logger FETCHERS = LoggerFactory.getLogger("dev.clerkvertx.graphql.DataFetchers");

  private final Services services;
  private HttpServer server;

  public HttpVerticle(Services services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    ServiceConfig config = services.config();
    var skew = config.tokenRules().clockSkew();
    KeySetClient keys = new KeySetClient(vertx, services.keys(), services.clock(), config.keyTimings().timeout());
    TokenVerifier verifier = new TokenVerifier(vertx, keys,
      new ClaimsValidator(services.clock(), services.issuer(), config.tokenRules()), skew, services.identities());
    AuthEdge auth = AuthEdge.create(verifier, services.sessions(), services.authEvents());
    FailureLog failures = FailureLog.of(vertx, services.clock(), services.registry());
    var router = Routes.create(vertx, services, auth, verifier::keySet,
      GraphQLFactory.create(services.graphqlSchema(), config.graphql(), services.graphqlEvents(),
        (path, failure) -> failures.error(FETCHERS, "GraphQL data fetcher failed at {}", path, failure)));
    ConnectionGuard guard = new ConnectionGuard(services.clock(), config.http().requestTimeout());
    guard.start(vertx);
    return verifier.start()
      .compose(v -> vertx.createHttpServer(new HttpServerOptions()
          .setMaxHeaderSize(config.http().maxHeaderBytes())
          .setMaxInitialLineLength(8 * 1024)
          // HTTP/1.1 only: h2c would bring its own header limits and stream bookkeeping
          .setHttp2ClearTextEnabled(false)
          .setIdleTimeout(IDLE_TIMEOUT_SECONDS))
        .connectionHandler(guard::opened)
        .requestHandler(new RequestGate(router, guard, config.http().accessLog()))
        .listen(config.http().port(), services.host()))
      .onSuccess(s -> server = s);
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
