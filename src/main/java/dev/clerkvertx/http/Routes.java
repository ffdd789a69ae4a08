package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEdge;
import dev.clerkvertx.config.GraphQLLimits;
import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.ops.AccessLog;
import dev.clerkvertx.ops.Readiness;
import graphql.GraphQL;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.graphql.GraphQLHandler;

import java.util.Map;
import java.util.function.Supplier;

/** The routing table of the contract, built once per HTTP verticle. */
public final class Routes {
  /** Request body bytes one event loop may hold, in units of the GraphQL body limit. */
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

    // one budget for the bodies of every route of this event loop
    BodyBudget bodies = new BodyBudget((long) BODIES_PER_EVENT_LOOP * services.config().graphql().maxBodyBytes(),
      http.bodyStart(), services.clock(), services.bodies());
    bodies.start(vertx);

    // the API first: it is what the traffic is for, and routes are matched in order
    DemoRoutes.mount(router, auth);
    mountGraphQL(router, auth.withGraphQLErrors(), bodies, graphQL, services.config().graphql());

    // liveness has nothing to check, and vertx-health-check arms a timer per check per request:
    // answer the same JSON as /ready's handler from a constant
    router.get("/health").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
      .end(LIVE));
    router.get("/ready").handler(new Readiness(keys, services.clock(), services.keyMaxAge(), services.draining()));
    // /metrics is served on the management port only (ops.ManagementServer)

    new GraphiQLPage(services.graphiqlTemplate(), ctx -> services.dev().map(d -> d.graphiqlHeaders(ctx))
      .orElse(Map.of())).mount(router);
    services.dev().ifPresent(d -> d.mount(router));

    router.route().failureHandler(new ErrorResponder());
    router.errorHandler(404, ctx -> status(ctx, 404));
    router.errorHandler(405, ctx -> status(ctx, 405));
    return router;
  }

  /**
   * Two routes: authentication runs before any body is buffered (Vert.x forbids a body handler after
   * a user handler on one route); bodies are bounded in size and charged to the event loop's body
   * budget as they arrive, and never written to disk.
   */
  private static void mountGraphQL(Router router, AuthEdge auth, BodyBudget bodies, GraphQL graphQL,
                                   GraphQLLimits limits) {
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST).handler(auth);
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST)
      .handler(bodies)
      .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
      .handler(GraphQLHandler.create(graphQL));
  }

  /** Ends the response with a JSON body: the http package's JSON answers all go through here. */
  static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    return ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
      .end(body.encode());
  }

  /** {@code {"message": <reason phrase>, "statusCode": status}}. */
  static Future<Void> status(RoutingContext ctx, int status) {
    return json(ctx, status, new JsonObject().put("message", HttpResponseStatus.valueOf(status).reasonPhrase())
      .put("statusCode", status));
  }
}
