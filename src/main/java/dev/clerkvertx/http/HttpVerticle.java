package dev.clerkvertx.http;

import dev.clerkvertx.auth.ClaimsValidator;
import dev.clerkvertx.auth.ClerkJwtAuth;
import dev.clerkvertx.auth.KeyRing;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.graphql.DocumentCache;
import dev.clerkvertx.graphql.GraphQLFactory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's HTTP server: its own key ring and vertx-auth-jwt provider (verification is never
 * serialised across event loops), its own GraphQL instance, the shared router table.
 */
public final class HttpVerticle extends VerticleBase {
  /** Room for a Clerk {@code __session} cookie among a site's other cookies; larger heads get 431. */
  static final int MAX_HEADER_SIZE = 16 * 1024;
  static final int IDLE_TIMEOUT_SECONDS = 120;
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF_VALUE = HttpHeaders.createOptimized("nosniff");

  private final Services services;
  private HttpServer server;

  public HttpVerticle(Services services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    ServiceConfig config = services.config();
    KeyRing keyRing = new KeyRing(vertx, services.clock(), config.clockSkew());
    ClaimsValidator claims = new ClaimsValidator(services.clock(), config.clockSkew(), config.issuer(),
      config.authorizedParties(), config.acceptPendingSessions());
    ClerkJwtAuth auth = new ClerkJwtAuth(keyRing, claims, services.tokenCache(), services.authEvents());
    var router = Routes.create(vertx, services, keyRing, auth,
      GraphQLFactory.create(services.graphqlSchema(), new DocumentCache(1_000)));
    return keyRing.start()
      .compose(v -> vertx.createHttpServer(new HttpServerOptions()
          .setMaxHeaderSize(MAX_HEADER_SIZE)
          .setMaxInitialLineLength(8 * 1024)
          // a client that stops sending (or never finishes its headers) does not hold a connection forever
          .setIdleTimeout(IDLE_TIMEOUT_SECONDS))
        .requestHandler(request -> {
          // ping ids are echoed back: never let a browser sniff them into HTML (set here, not in a
          // route, to spare every request a routing step)
          request.response().headers().add(NOSNIFF, NOSNIFF_VALUE);
          router.handle(request);
        })
        .listen(config.port(), config.host()))
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
