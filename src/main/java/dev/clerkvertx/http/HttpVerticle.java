package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEdge;
import dev.clerkvertx.auth.ClaimsValidator;
import dev.clerkvertx.auth.TokenVerifier;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.graphql.GraphQLFactory;
import dev.clerkvertx.jwks.KeySetClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's HTTP server: its own key client and vertx-auth-jwt verifier (verification is
 * never serialised across event loops), its own GraphQL instance, the shared routing table.
 */
public final class HttpVerticle extends VerticleBase {
  /** A safety net under the request timeout: a connection silent this long is closed. */
  static final int IDLE_TIMEOUT_SECONDS = 120;

  private final Services services;
  private final Future<?> keyOwnerStarted;
  private HttpServer server;
  private ConnectionGuard guard;

  /** @param keyOwnerStarted completes once the key owner made its first attempt at loading keys */
  public HttpVerticle(Services services, Future<?> keyOwnerStarted) {
    this.services = services;
    this.keyOwnerStarted = keyOwnerStarted;
  }

  @Override
  public Future<?> start() {
    ServiceConfig config = services.config();
    var skew = config.tokenRules().clockSkew();
    KeySetClient keys = new KeySetClient(vertx, services.keys(), services.clock(), config.keyTimings().timeout());
    TokenVerifier verifier = new TokenVerifier(vertx, keys,
      new ClaimsValidator(services.clock(), services.issuer(), config.tokenRules()), skew, services.identities());
    AuthEdge auth = AuthEdge.create(verifier, services.sessions(), services.authEvents());
    var router = Routes.create(vertx, services, auth, verifier::keySet,
      GraphQLFactory.create(services.graphqlSchema(), config.graphql(), services.graphqlEvents()));
    guard = new ConnectionGuard(services.clock(), config.http().requestTimeout());
    guard.start(vertx);
    long drainMillis = config.http().shutdownDelay().plus(config.http().shutdownGrace()).toMillis();
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
          .setMaxHeaderSize(config.http().maxHeaderBytes())
          .setMaxInitialLineLength(8 * 1024)
          // HTTP/1.1 only: h2c would bring its own header limits and stream bookkeeping
          .setHttp2ClearTextEnabled(false)
          .setIdleTimeout(IDLE_TIMEOUT_SECONDS))
        .connectionHandler(guard::opened)
        .requestHandler(new RequestGate(router, guard, config.http().accessLog(), services.draining(), drainMillis))
        .listen(config.http().port(), services.host()))
      .onSuccess(s -> server = s);
  }

  /**
   * Keeps serving for {@code delay}, every connection closing after its next answer (idle ones at
   * once), then stops accepting connections and lets in-flight requests finish, closing what is left
   * after {@code grace}. The caller has turned readiness off. Safe to call from any thread.
   */
  public Future<Void> drain(Duration delay, Duration grace) {
    if (server == null) {
      return Future.succeededFuture();
    }
    context.runOnContext(v -> guard.drain(delay.plus(grace)));
    Future<?> served = delay.isZero() ? Future.succeededFuture() : vertx.timer(delay.toMillis(), TimeUnit.MILLISECONDS);
    return served.compose(v -> server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** The port this instance listens on (useful when configured with port 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
