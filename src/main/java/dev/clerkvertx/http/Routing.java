package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEdge;
import dev.clerkvertx.jwks.KeySet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import java.util.function.Supplier;

/**
 * What a {@link RouteContributor} mounts its routes with, on one event loop. Authenticated routes
 * are declared, not assembled: {@code routing.post("/api/notes").requires(write).jsonBody().handler(h)}
 * puts authentication, the guard, the content-type check, the bounded body and the JSON parse in the
 * order Vert.x needs (authentication before any byte of the body is read). Public routes go on
 * {@link #router()} directly.
 */
public final class Routing {
  private final Vertx vertx;
  private final Router router;
  private final AuthEdge auth;
  private final Supplier<KeySet> keys;
  private final int maxBodyBytes;
  private final BodyBudget bodies;

  Routing(Vertx vertx, Router router, AuthEdge auth, Supplier<KeySet> keys, int maxBodyBytes, BodyBudget bodies) {
    this.vertx = vertx;
    this.router = router;
    this.auth = auth;
    this.keys = keys;
    this.maxBodyBytes = maxBodyBytes;
    this.bodies = bodies;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The router itself, for public routes (no authentication), e.g. {@code router().get("/status").handler(h)}. */
  public Router router() {
    return router;
  }

  /** An authenticated {@code GET} (and {@code HEAD}) route. */
  public Endpoint get(String path) {
    return route(HttpMethod.GET, path);
  }

  public Endpoint post(String path) {
    return route(HttpMethod.POST, path);
  }

  public Endpoint put(String path) {
    return route(HttpMethod.PUT, path);
  }

  public Endpoint patch(String path) {
    return route(HttpMethod.PATCH, path);
  }

  public Endpoint delete(String path) {
    return route(HttpMethod.DELETE, path);
  }

  /** An authenticated route: only callers with a valid session token reach its handlers. */
  public Endpoint route(HttpMethod method, String path) {
    return new Endpoint(this, method, path);
  }

  /** This event loop's authentication step (package-private: routes declare it through {@link Endpoint}). */
  AuthEdge auth() {
    return auth;
  }

  /** The key set this event loop verifies with (for readiness). */
  Supplier<KeySet> keys() {
    return keys;
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The budget of bodies this event loop holds, charged as bytes arrive, shared by every route with a body. */
  BodyBudget bodies() {
    return bodies;
  }
}
