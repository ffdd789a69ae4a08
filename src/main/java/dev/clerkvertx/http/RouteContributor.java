package dev.clerkvertx.http;

/**
 * Whatever brings routes to the service: the application's API, the demo routes, GraphQL, the
 * operations endpoints, dev mode. Called once per HTTP verticle (event loop) with that verticle's
 * {@link Routing}; the contributor itself is shared by all of them, so it keeps no per-request state.
 */
@FunctionalInterface
public interface RouteContributor {
  void mount(Routing routing);
}
