package dev.clerkvertx.api;

import dev.clerkvertx.authz.Requirement;
import dev.clerkvertx.http.Reply;
import dev.clerkvertx.http.RouteContributor;
import dev.clerkvertx.http.Routing;
import dev.clerkvertx.identity.ClerkIdentity;
import io.vertx.core.json.JsonObject;

/** README "Add your API", verbatim: a guarded route with a JSON body and a guarded GET. */
public final class InvoiceRoutes implements RouteContributor {
  @Override
  public void mount(Routing routes) {
    routes.post("/api/invoices")
      .requires(Requirement.permission("org:invoices:write"))
      .jsonBody()
      .handler(ctx -> {
        JsonObject invoice = ctx.body().asJsonObject();   // a JSON object: 400, 413 and 415 are answered for you
        String org = ClerkIdentity.of(ctx).organization().id();
        Reply.json(ctx, 201, invoice.put("orgId", org));
      });
    routes.get("/api/invoices/:id")
      .requires(Requirement.permission("org:invoices:read"))
      .handler(ctx -> Reply.json(ctx, 200, new JsonObject().put("id", ctx.pathParam("id"))));
  }
}
