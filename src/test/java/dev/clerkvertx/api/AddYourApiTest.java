package dev.clerkvertx.api;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.clerkvertx.Application;
import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.authz.Requirement;
import dev.clerkvertx.http.RouteContributor;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A route and GraphQL fields added the way README's "Add your API" says (classes in this package,
 * listed in the Api as {@link Api#create} lists the notes), then called over a real socket.
 */
@ExtendWith(VertxExtension.class)
class AddYourApiTest {
  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "kid-a");
    service = world.service(Map.of(), Api.create(world.clock).with(new InvoiceRoutes()).with(InvoiceFields.part()));
  }

  @Test
  void aGuardedRouteWithAJsonBodyServesMembersWithThePermission() {
    String token = world.orgToken("org_1", "org:invoices:write");
    HttpResponse<Buffer> created = Service.await(service.client.post("/api/invoices")
      .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("total", 100)));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject()).isEqualTo(new JsonObject().put("total", 100).put("orgId", "org_1"));

    assertThat(Service.await(service.client.post("/api/invoices").bearerTokenAuthentication(world.orgToken("org_1", "org:invoices:read"))
      .sendJsonObject(new JsonObject())).statusCode()).isEqualTo(403);
    assertThat(Service.await(service.client.post("/api/invoices").sendJsonObject(new JsonObject())).statusCode()).isEqualTo(401);
    assertThat(Service.await(service.client.post("/api/invoices").bearerTokenAuthentication(token)
      .sendBuffer(Buffer.buffer("{not json"))).statusCode()).isEqualTo(415);
    assertThat(Service.await(service.client.post("/api/invoices").bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{not json"))).statusCode()).isEqualTo(400);
    assertThat(service.get("/api/invoices/7", world.orgToken("org_1", "org:invoices:read")).bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("id", "7"));
  }

  @Test
  void aGuardedFieldAndMutationServeCallersWithTheirRequirements() {
    String reader = world.orgToken("org_1", "org:invoices:read");
    assertThat(service.graphql("{ invoice(id: \"7\") { id total } }", reader).bodyAsJsonObject().getJsonObject("data"))
      .isEqualTo(new JsonObject().put("invoice", new JsonObject().put("id", "7").put("total", 100)));
    String payer = world.token(world.claims().put("fva", new JsonArray().add(0).add(2))
      .mergeIn(dev.clerkvertx.support.Claims.member("org_1", "member", "org:invoices:write")));
    assertThat(service.graphql("mutation { payInvoice(id: \"7\") { total } }", payer).bodyAsJsonObject().getJsonObject("data"))
      .isEqualTo(new JsonObject().put("payInvoice", new JsonObject().put("total", 0)));
    String stalePayer = world.token(world.claims().put("fva", new JsonArray().add(30).add(30))
      .mergeIn(dev.clerkvertx.support.Claims.member("org_1", "member", "org:invoices:write")));
    JsonObject stale = service.graphql("mutation { payInvoice(id: \"7\") { total } }", stalePayer).bodyAsJsonObject();
    assertThat(stale.getJsonObject("data").getValue("payInvoice")).isNull();
    assertThat(stale.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getJsonObject("clerk_error")
      .getString("reason")).isEqualTo("reverification-error");
  }

  @Test
  void aRouteDeclaredWrongStopsStartUpSayingWhatToDo() {
    RouteContributor twoRequirements = routes -> routes.get("/api/x")
      .requires(Requirement.permission("org:x:read")).requires(Requirement.role("org:admin")).handler(ctx -> ctx.end());
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", world.issuer());
    assertThatThrownBy(() -> Service.await(Application.start(world.vertx, Service.loader(env), false, world.clock,
      AuthEvents.NONE, Api.create(world.clock).with(twoRequirements))))
      .hasMessageContaining("GET /api/x: one requirement per route; combine them");
  }
}
