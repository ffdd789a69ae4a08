package dev.clerkvertx.http;

import dev.clerkvertx.auth.ClerkIdentity;
import dev.clerkvertx.auth.ClerkJwtAuth;
import dev.clerkvertx.auth.KeyRing;
import dev.clerkvertx.auth.SessionTokenHandler;
import dev.clerkvertx.dev.DevIssuer;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.dev.DevTokenHandler;
import dev.clerkvertx.ops.AccessLog;
import dev.clerkvertx.ops.Readiness;
import graphql.GraphQL;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.graphql.GraphQLHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.Map;

/** The routing table of the contract; built per verticle instance and reused by the tests. */
public final class Routes {
  static final long GRAPHQL_BODY_LIMIT = 256 * 1024;
  private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final Buffer LIVE = Buffer.buffer(new JsonObject().put("status", "UP")
    .put("checks", new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", "process").put("status", "UP")))
    .put("outcome", "UP").encode());

  private Routes() {
  }

  public static Router create(Vertx vertx, Services services, KeyRing keyRing, ClerkJwtAuth auth, GraphQL graphQL) {
    Router router = Router.router(vertx);
    ServiceConfig config = services.config();
    FailureResponder failures = new FailureResponder(services.authEvents());
    if (config.accessLog()) {
      router.route().handler(new AccessLog());
    }
    if (!config.corsAllowedOrigins().isEmpty()) {
      router.route().handler(new CorsPolicy(config.corsAllowedOrigins()));
    }

    // the API first: it is what the traffic is for, and routes are matched in order
    Handler<RoutingContext> authenticate = new SessionTokenHandler(JWTAuthHandler.create(auth, FailureResponder.REALM), auth);
    Handler<RoutingContext> authFailures = failures.forAuthentication();
    router.get("/rest-endpoints/:id").handler(authenticate).handler(ctx -> ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN)
      .end("REST Ping #" + ctx.pathParam("id") + "!"))
      .failureHandler(authFailures);
    router.get("/me").handler(authenticate).handler(ctx ->
      json(ctx, 200, ClerkIdentity.fromClaims(ctx.user().get("accessToken")).toJson()))
      .failureHandler(authFailures);
    // two routes: authentication runs before any body is buffered (Vert.x forbids a body handler
    // after a user handler on one route)
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST).handler(authenticate)
      .failureHandler(authFailures);
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST)
      .handler(BodyHandler.create().setBodyLimit(GRAPHQL_BODY_LIMIT))
      .handler(GraphQLHandler.create(graphQL));

    // liveness has nothing to check, and vertx-health-check arms a timer per check per request:
    // answer the same JSON as /ready's handler from a constant
    router.get("/health").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
      .end(LIVE));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(Readiness.readiness(vertx, keyRing,
      services.clock(), config.mode() == ServiceConfig.Mode.JWKS ? Readiness.maxKeyAge(config.jwksRefresh()) : null,
      services.draining())));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(services.metrics()));

    DevIssuer dev = services.devIssuer();
    new GraphiQLPage(services.graphiqlTemplate(), ctx -> dev == null
      ? Map.of()
      : Map.of("Authorization", "Bearer " + dev.mint(new JsonObject(), DevIssuer.DEFAULT_LIFETIME)))
      .mount(router);
    if (dev != null) {
      router.get("/.well-known/jwks.json").handler(ctx -> json(ctx, 200, dev.jwks()));
      router.post("/dev/token").handler(BodyHandler.create().setBodyLimit(16 * 1024)).handler(new DevTokenHandler(dev));
    }

    // last, so that the authentication failure handlers above are tried first
    router.route().failureHandler(failures);
    router.errorHandler(404, ctx -> json(ctx, 404, FailureResponder.body(404)));
    router.errorHandler(405, ctx -> json(ctx, 405, FailureResponder.body(405)));
    return router;
  }

  /** Ends the response with a JSON body: the http package's JSON answers all go through here. */
  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body.encode());
  }
}
