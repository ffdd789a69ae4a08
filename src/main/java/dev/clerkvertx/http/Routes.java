package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEdge;
import dev.clerkvertx.config.HttpSettings;
import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.ops.AccessLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.clerkvertx.ops.BodyStats;
import dev.clerkvertx.ops.FailureLog;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The routing table of one HTTP verticle: the access log and CORS in front, then every contributor's
 * routes in the order given, then what the service answers for everything else: {@code HEAD} wherever
 * {@code GET} is routed, {@code OPTIONS} and 405 with {@code Allow}, 404, failures.
 */
public final class Routes {
  /** Request body bytes one event loop may hold, in units of the largest body limit. */
  public static final int BODIES_PER_EVENT_LOOP = 16;

  private Routes() {
  }

  public static Router create(Vertx vertx, HttpSettings http, AuthEdge auth, Supplier<KeySet> keys,
                              List<RouteContributor> contributors, int largestBodyBytes, Clock clock, BodyStats bodyStats,
                              FailureLog failures) {
    Router router = Router.router(vertx);
    if (http.accessLog()) {
      router.route().handler(new AccessLog());
    }
    // routes that must answer before CORS runs: dev mode's never carry CORS headers, preflights included
    contributors.forEach(c -> c.mountBeforeCors(router));
    if (!http.cors().origins().isEmpty()) {
      router.route().handler(new CorsPolicy(http.cors()));
    }

    // routes are matched in order: the contributors put what the traffic is for first
    // one budget for the bodies of every route of this event loop, charged as bytes arrive
    BodyBudget bodies = new BodyBudget((long) BODIES_PER_EVENT_LOOP * largestBodyBytes, http.bodyStart(), clock, bodyStats);
    bodies.start(vertx);
    Routing routing = new Routing(vertx, router, auth, keys, http.maxBodyBytes(), bodies);
    contributors.forEach(c -> c.mount(routing));
    headWhereverGet(router);

    router.route().failureHandler(new ErrorResponder(failures));
    router.errorHandler(404, ctx -> status(ctx, 404));
    router.errorHandler(405, new OtherMethods(router));
    return router;
  }

  /** HEAD is GET without the body (the server drops it): every route answering GET answers HEAD too. */
  private static void headWhereverGet(Router router) {
    for (Route route : router.getRoutes()) {
      var methods = route.methods();
      if (methods != null && methods.contains(HttpMethod.GET) && !methods.contains(HttpMethod.HEAD)) {
        route.method(HttpMethod.HEAD);
      }
    }
  }

  /** {@code {"message": <reason phrase>, "statusCode": status}}: the http package's JSON answers. */
  static Future<Void> status(RoutingContext ctx, int status) {
    return Reply.status(ctx, status);
  }
}
