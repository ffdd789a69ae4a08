package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEdge;
import dev.clerkvertx.authz.Requirement;
import dev.clerkvertx.authz.Reverification;
import dev.clerkvertx.authz.RouteGuard;
import dev.clerkvertx.identity.ClerkIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The contract's REST routes, each behind the auth edge: the ping, {@code /me}, and the
 * authorization demos, each guarded by one {@link RouteGuard} (after the edge: 401 wins over 403).
 */
final class DemoRoutes {
  private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");

  private DemoRoutes() {
  }

  static void mount(Router router, AuthEdge auth) {
    router.get("/rest-endpoints/:id").handler(auth)
      .handler(ctx -> text(ctx, "REST Ping #" + ctx.pathParam("id") + "!"));
    router.get("/org-endpoints/:id").handler(auth)
      .handler(RouteGuard.requiring(Requirement.permission("org:pings:read")))
      .handler(ctx -> text(ctx, "Org Ping #" + ctx.pathParam("id") + " for " + ClerkIdentity.of(ctx).organization().id() + "!"));
    router.get("/admin-endpoints/:id").handler(auth)
      .handler(RouteGuard.requiring(Requirement.role("org:admin")))
      .handler(ctx -> text(ctx, "Admin Ping #" + ctx.pathParam("id") + "!"));
    router.post("/sensitive-endpoints/:id").handler(auth)
      .handler(RouteGuard.requiring(Requirement.reverification(Reverification.preset("strict"))))
      .handler(ctx -> text(ctx, "Sensitive Ping #" + ctx.pathParam("id") + "!"));
    router.get("/me").handler(auth).handler(ctx -> Routes.json(ctx, 200, ClerkIdentity.of(ctx).toJson()));
  }

  private static void text(RoutingContext ctx, String body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN).end(body);
  }
}
