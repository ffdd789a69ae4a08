package dev.clerkvertx.http;

import io.vertx.ext.web.Router;

/**
 * Whatever brings routes to the service: the application's API, the demo routes, GraphQL, the
 * operations endpoints, dev mode. Called once per HTTP verticle (event loop) with that verticle's
 * {@link Routing}; the contributor itself is shared by all of them, so it keeps no per-request state.
 */
@FunctionalInterface
public interface RouteContributor {
  void mount(Routing routing);

  /**
   * Public routes that must answer before the CORS handler runs, so that no CORS header (nor a
   * preflight's answer) ever reaches them: dev mode's. Most contributors have none.
   */
  default void mountBeforeCors(Router router) {
  }
}
