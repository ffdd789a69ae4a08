package dev.clerkvertx.authz;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's has() points over the real socket: the demo route guards, GraphQL's {@code @requires}
 * and {@code /me} answer as Clerk's SDK would for the claims that used to disagree.
 */
@ExtendWith(VertxExtension.class)
class HasParityRoutesTest {
  static final JsonObject FORBIDDEN = new JsonObject().put("message", "Forbidden").put("statusCode", 403);

  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "kid-a");
    service = world.service();
  }

  /** v2 claims of an admin of org_1 holding org:pings:read, feature premium_support, plan pro, fva [0, 0]. */
  JsonObject admin() {
    return world.claims().put("o", new JsonObject().put("id", "org_1").put("slg", "acme").put("rol", "admin")
        .put("per", "read").put("fpm", "1,0")).put("fea", "o:pings,o:premium_support").put("pla", "u:pro")
      .put("fva", new JsonArray().add(0).add(0));
  }

  int get(String path, JsonObject claims) {
    return service.get(path, world.token(claims)).statusCode();
  }

  HttpResponse<Buffer> sensitive(JsonObject claims) {
    return Service.await(service.client.post("/sensitive-endpoints/1").bearerTokenAuthentication(world.token(claims)).send());
  }

  @Test
  void theAdminPassesEveryGuard() {
    assertThat(get("/org-endpoints/1", admin())).isEqualTo(200);
    assertThat(get("/admin-endpoints/1", admin())).isEqualTo(200);
    assertThat(sensitive(admin()).statusCode()).isEqualTo(200);
  }

  @Test
  void aSecondFactorVerifiedWithoutAFirstPassesStrict() {
    assertThat(sensitive(admin().put("fva", new JsonArray().add(-1).add(5))).bodyAsString()).isEqualTo("Sensitive Ping #1!");
    assertThat(sensitive(admin().put("fva", new JsonArray().add(-1).add(10))).bodyAsJsonObject().getJsonObject("clerk_error")
      .getString("reason")).isEqualTo("reverification-error");
  }

  @Test
  void anEmptyOrganisationIdIsNoOrganisationOnTheRoutesAndInMe() {
    JsonObject v2 = admin();
    v2.getJsonObject("o").put("id", "");
    JsonObject v1 = admin().put("org_id", "").put("org_role", "org:admin").put("org_permissions", new JsonArray().add("org:pings:read"));
    v1.remove("v");
    v1.remove("o");
    for (JsonObject claims : new JsonObject[]{v1, v2}) {
      assertThat(get("/org-endpoints/1", claims)).isEqualTo(403);
      assertThat(get("/admin-endpoints/1", claims)).isEqualTo(403);
      JsonObject me = service.get("/me", world.token(claims)).bodyAsJsonObject();
      assertThat(me.containsKey("orgId")).isTrue();
      assertThat(me.getValue("orgId")).isNull();
      assertThat(me.getValue("orgRole")).isNull();
    }
  }

  @Test
  void aVersionThatIsNotExactlyTwoReadsTheTokenAsVersion1() {
    assertThat(get("/admin-endpoints/1", admin().put("v", 2.0))).isEqualTo(200);
    for (Object v : new Object[]{2.5, 2.000001, 4_294_967_298L}) {
      assertThat(get("/admin-endpoints/1", admin().put("v", v))).as("v = %s", v).isEqualTo(403);
      assertThat(service.get("/me", world.token(admin().put("v", v))).bodyAsJsonObject().getValue("orgId")).isNull();
    }
  }

  @Test
  void aVersion2TokenWithAnUnreadableFeatureListIsDeniedEverything() {
    JsonObject claims = admin().put("fea", "o:pings,o:premium_support,");
    assertThat(get("/org-endpoints/1", claims)).isEqualTo(403);
    assertThat(get("/admin-endpoints/1", claims)).isEqualTo(403);
    HttpResponse<Buffer> sensitive = sensitive(claims);
    assertThat(sensitive.statusCode()).isEqualTo(403);
    assertThat(sensitive.bodyAsJsonObject()).isEqualTo(FORBIDDEN);
    JsonObject data = service.graphql("{ adminPing(id: \"1\") planPing(id: \"1\") pingOne(id: \"1\") }", world.token(claims))
      .bodyAsJsonObject().getJsonObject("data");
    assertThat(data.getValue("adminPing")).isNull();
    assertThat(data.getValue("planPing")).isNull();
    assertThat(data.getString("pingOne")).isEqualTo("GraphQL Ping #1!");
  }

  @Test
  void anEmptyPlanEntryDeniesOnlyThePlan() {
    String token = world.token(admin().put("pla", "u:pro,"));
    JsonObject data = service.graphql("{ planPing(id: \"1\") featurePing(id: \"1\") adminPing(id: \"1\") }", token)
      .bodyAsJsonObject().getJsonObject("data");
    assertThat(data.getValue("planPing")).isNull();
    assertThat(data.getString("featurePing")).isEqualTo("GraphQL Feature Ping #1!");
    assertThat(data.getString("adminPing")).isEqualTo("GraphQL Admin Ping #1!");
  }

  @Test
  void namesAreTrimmedAsJavaScriptTrims() {
    assertThat(get("/org-endpoints/1", admin().put("fea", "\u00a0o:pings,o:premium_support"))).isEqualTo(200);
    assertThat(get("/org-endpoints/1", admin().put("fea", "\u001fo:pings,o:premium_support"))).isEqualTo(403);
  }
}
