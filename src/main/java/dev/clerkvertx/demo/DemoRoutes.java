package dev.clerkvertx.demo;

import dev.clerkvertx.authz.Requirement;
import dev.clerkvertx.authz.Reverification;
import dev.clerkvertx.http.Reply;
import dev.clerkvertx.http.RouteContributor;
import dev.clerkvertx.http.Routing;
import dev.clerkvertx.identity.ClerkIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The contract's REST routes, each authenticated: the ping, {@code /me}, and the authorization
 * demos, each guarded by one {@link Requirement} (checked after authentication: 401 wins over 403).
 */
public final class DemoRoutes implements RouteContributor {
  private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");

  @Override
  public void mount(Routing routes) {
    routes.get("/rest-endpoints/:id")
      .handler(ctx -> text(ctx, "REST Ping #" + ctx.pathParam("id") + "!"));
    routes.get("/org-endpoints/:id").requires(Requirement.permission("org:pings:read"))
      .handler(ctx -> text(ctx, "Org Ping #" + ctx.pathParam("id") + " for " + ClerkIdentity.of(ctx).organization().id() + "!"));
    routes.get("/admin-endpoints/:id").requires(Requirement.role("org:admin"))
      .handler(ctx -> text(ctx, "Admin Ping #" + ctx.pathParam("id") + "!"));
    routes.post("/sensitive-endpoints/:id").requires(Requirement.reverification(Reverification.preset("strict")))
      .handler(ctx -> text(ctx, "Sensitive Ping #" + ctx.pathParam("id") + "!"));
    routes.get("/me").handler(ctx -> Reply.json(ctx, 200, ClerkIdentity.of(ctx).toJson()));
  }

  private static void text(RoutingContext ctx, String body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN).end(body);
  }
}
