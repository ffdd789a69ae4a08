package dev.clerkvertx.http;

import dev.clerkvertx.authz.Requirement;
import dev.clerkvertx.authz.RouteGuard;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * One authenticated route being declared: {@link #requires} and {@link #jsonBody} in any order, then
 * {@link #handler}, which mounts it. Mounted as two Vert.x routes on the same method and path, because
 * Vert.x runs a body handler only before user handlers of its route: the first authenticates, checks
 * the requirement (401 before 403) and the content type (415, before reading); the second reserves
 * room in the event loop's body budget (503 when full), reads the body up to
 * {@code API_MAX_BODY_BYTES} (413 beyond, never to disk), parses it (400 unless a JSON object), and
 * runs the handlers with {@code ctx.body().asJsonObject()} ready.
 */
public final class Endpoint {
  private final Routing routing;
  private final HttpMethod method;
  private final String path;
  private Requirement requirement;
  private boolean jsonBody;
  private boolean mounted;

  Endpoint(Routing routing, HttpMethod method, String path) {
    this.routing = routing;
    this.method = method;
    this.path = path;
  }

  /** Callers must pass this (Clerk's {@code has()}); others get 403. Combine several with {@code and…}. */
  public Endpoint requires(Requirement requirement) {
    if (this.requirement != null) {
      throw new IllegalStateException(method + " " + path + ": one requirement per route; combine them, e.g. "
        + "Requirement.permission(\"org:x:write\").andRole(\"org:admin\")");
    }
    this.requirement = requirement;
    return this;
  }

  /** The request carries a JSON object (or nothing): read, bounded and parsed before the handlers run. */
  public Endpoint jsonBody() {
    this.jsonBody = true;
    return this;
  }

  /** Mounts the route; the handlers run in order, for authenticated (and allowed) callers only. */
  @SafeVarargs
  public final void handler(Handler<RoutingContext>... handlers) {
    if (mounted) {
      throw new IllegalStateException(method + " " + path + " is already mounted; declare another route for more");
    }
    if (handlers.length == 0) {
      throw new IllegalArgumentException(method + " " + path + ": give the handler that answers it");
    }
    mounted = true;
    Route checks = routing.router().route(method, path).handler(routing.auth());
    if (requirement != null) {
      checks.handler(RouteGuard.requiring(requirement));
    }
    Route last = checks;
    if (jsonBody) {
      checks.handler(JsonBody::acceptable);
      last = routing.router().route(method, path)
        .handler(routing.bodies())
        .handler(BodyHandler.create(false).setBodyLimit(routing.maxBodyBytes()))
        .handler(JsonBody::parse);
    }
    for (Handler<RoutingContext> handler : handlers) {
      last.handler(handler);
    }
  }
}
