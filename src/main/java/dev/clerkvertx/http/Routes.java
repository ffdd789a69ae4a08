package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEdge;
import dev.clerkvertx.config.GraphQLLimits;
import dev.clerkvertx.graphql.GraphQLEndpoint;
import dev.clerkvertx.graphql.GraphQLEvents;
import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.ops.AccessLog;
import dev.clerkvertx.ops.FailureLog;
import dev.clerkvertx.ops.Readiness;
import graphql.GraphQL;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.Map;
import java.util.function.Supplier;

/** The routing table of the contract, built once per HTTP verticle. */
public final class Routes {
  /** Concurrent request bodies one event loop may buffer, in units of the body limit. */
  static final int BODIES_PER_EVENT_LOOP = 16;
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final Buffer LIVE = Buffer.buffer(new JsonObject().put("status", "UP")
    .put("checks", new JsonArray().add(new JsonObject().put("id", "process").put("status", "UP")))
    .put("outcome", "UP").encode());

  private Routes() {
  }

  public static Router create(Vertx vertx, Services services, AuthEdge auth, Supplier<KeySet> keys, GraphQL graphQL) {
    Router router = Router.router(vertx);
    var http = services.config().http();
    if (http.accessLog()) {
      router.route().handler(new AccessLog());
    }
    if (!http.corsAllowedOrigins().isEmpty()) {
      router.route().handler(new CorsPolicy(http.corsAllowedOrigins()));
    }

    // the API first: it is what the traffic is for, and routes are matched in order
    DemoRoutes.mount(router, auth);
    mountGraphQL(router, auth.withGraphQLErrors(), graphQL, services.config().graphql(), services.graphqlEvents());

    // liveness has nothing to check, and vertx-health-check arms a timer per check per request:
    // answer the same JSON as /ready's handler from a constant
    router.get("/health").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
      .end(LIVE));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(Readiness.readiness(vertx, keys,
      services.clock(), services.keyMaxAge(), services.draining())));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(services.registry()));

    new GraphiQLPage(services.graphiqlTemplate(), ctx -> services.dev().map(d -> d.graphiqlHeaders(ctx))
      .orElse(Map.of())).mount(router);
    services.dev().ifPresent(d -> d.mount(router));

    router.route().failureHandler(new ErrorResponder(FailureLog.of(vertx, services.clock(), services.registry())));
    router.errorHandler(404, ctx -> status(ctx, 404));
    router.errorHandler(405, ctx -> status(ctx, 405));
    return router;
  }

  /**
   * Two routes: authentication, then a POST that is not JSON is refused, before any body is buffered
   * (Vert.x forbids a body handler after a user handler on one route); bodies are bounded in size and
   * in how many one event loop buffers, and never written to disk.
   */
  private static void mountGraphQL(Router router, AuthEdge auth, GraphQL graphQL, GraphQLLimits limits,
                                   GraphQLEvents events) {
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST).handler(auth)
      .handler(GraphQLEndpoint::screen);
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST)
      .handler(new BodyBudget((long) BODIES_PER_EVENT_LOOP * limits.maxBodyBytes(), limits.maxBodyBytes()))
      .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
      .handler(new GraphQLEndpoint(graphQL, limits, events));
  }

  /** Ends the response with a JSON body: the http package's JSON answers all go through here. */
  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body.encode());
  }

  /** {@code {"message": <reason phrase>, "statusCode": status}}. */
  static void status(RoutingContext ctx, int status) {
    json(ctx, status, new JsonObject().put("message", HttpResponseStatus.valueOf(status).reasonPhrase())
      .put("statusCode", status));
  }
}
