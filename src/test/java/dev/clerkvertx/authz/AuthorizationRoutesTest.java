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

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's Authorization section over a real socket: the demo routes allowed and refused with
 * their 403 bodies, 401 before 403, and GraphQL field-level denial next to allowed fields.
 */
@ExtendWith(VertxExtension.class)
class AuthorizationRoutesTest {
  static final JsonObject FORBIDDEN = new JsonObject().put("message", "Forbidden").put("statusCode", 403);
  static final JsonObject STRICT_REVERIFICATION = new JsonObject().put("type", "forbidden")
    .put("reason", "reverification-error").put("metadata", new JsonObject().put("reverification", "strict"));

  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "kid-a");
    service = world.service();
  }

  /** A v2 token of org_1 with role {@code role}, permission org:pings:read when {@code pings}, and this fva. */
  String token(String role, boolean pings, JsonArray fva) {
    JsonObject claims = world.claims().put("o", new JsonObject().put("id", "org_1").put("slg", "acme").put("rol", role)
      .put("per", "read,write").put("fpm", pings ? "1" : "2")).put("fea", "o:pings,o:premium_support").put("pla", "u:pro");
    return world.token(fva == null ? removed(claims, "fva") : claims.put("fva", fva));
  }

  static JsonObject removed(JsonObject o, String key) {
    o.remove(key);
    return o;
  }

  static JsonArray fva(int first, int second) {
    return new JsonArray().add(first).add(second);
  }

  HttpResponse<Buffer> post(String path, String token) {
    var req = service.client.post(path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return Service.await(req.send());
  }

  @Test
  void orgEndpointNeedsThePermission() {
    HttpResponse<Buffer> ok = service.get("/org-endpoints/7", token("member", true, null));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.bodyAsString()).isEqualTo("Org Ping #7 for org_1!");
    HttpResponse<Buffer> refused = service.get("/org-endpoints/7", token("admin", false, null));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject()).isEqualTo(FORBIDDEN);
  }

  @Test
  void adminEndpointNeedsTheRole() {
    assertThat(service.get("/admin-endpoints/7", token("admin", false, null)).bodyAsString()).isEqualTo("Admin Ping #7!");
    HttpResponse<Buffer> refused = service.get("/admin-endpoints/7", token("member", true, null));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject()).isEqualTo(FORBIDDEN);
  }

  @Test
  void sensitiveEndpointAnswersClerksReverificationError() {
    assertThat(post("/sensitive-endpoints/7", token("member", false, fva(30, 9))).bodyAsString())
      .isEqualTo("Sensitive Ping #7!");
    for (JsonArray stale : new JsonArray[]{fva(0, 10), fva(-1, -1), null}) {
      HttpResponse<Buffer> refused = post("/sensitive-endpoints/7", token("admin", true, stale));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.bodyAsJsonObject().getJsonObject("clerk_error")).isEqualTo(STRICT_REVERIFICATION);
      assertThat(refused.bodyAsJsonObject().getInteger("statusCode")).isEqualTo(403);
    }
  }

  @Test
  void unauthenticatedAlwaysWinsOverForbidden() {
    for (String path : new String[]{"/org-endpoints/1", "/admin-endpoints/1"}) {
      assertThat(service.get(path, null).statusCode()).isEqualTo(401);
      assertThat(service.get(path, "garbage").statusCode()).isEqualTo(401);
    }
    assertThat(post("/sensitive-endpoints/1", null).statusCode()).isEqualTo(401);
    assertThat(post("/sensitive-endpoints/1", world.token(world.claims().put("exp", 1))).statusCode()).isEqualTo(401);
  }

  @Test
  void graphqlDeniesFieldByFieldAndResolvesTheRest() {
    HttpResponse<Buffer> resp = service.graphql("{ pingOne(id: \"1\") orgPing(id: \"2\") adminPing(id: \"3\") "
      + "featurePing(id: \"4\") planPing(id: \"5\") sensitivePing(id: \"6\") }", token("member", true, fva(0, 20)));
    assertThat(resp.statusCode()).isEqualTo(200);
    JsonObject body = resp.bodyAsJsonObject();
    assertThat(body.getJsonObject("data")).isEqualTo(new JsonObject().put("pingOne", "GraphQL Ping #1!")
      .put("orgPing", "GraphQL Org Ping #2!").putNull("adminPing").put("featurePing", "GraphQL Feature Ping #4!")
      .put("planPing", "GraphQL Plan Ping #5!").putNull("sensitivePing"));
    Map<String, JsonObject> errors = new HashMap<>();
    for (Object e : body.getJsonArray("errors")) {
      JsonObject error = (JsonObject) e;
      errors.put(error.getJsonArray("path").getString(0), error);
    }
    assertThat(errors).containsOnlyKeys("adminPing", "sensitivePing");
    assertThat(errors.get("adminPing").getJsonObject("extensions").getString("code")).isEqualTo("FORBIDDEN");
    assertThat(errors.get("adminPing").getString("message")).isEqualTo("Forbidden");
    JsonObject sensitive = errors.get("sensitivePing").getJsonObject("extensions");
    assertThat(sensitive.getString("code")).isEqualTo("FORBIDDEN");
    assertThat(sensitive.getJsonObject("clerk_error")).isEqualTo(STRICT_REVERIFICATION);
  }

  @Test
  void meAnswersTheAuthorizationClaims() {
    JsonObject me = service.get("/me", token("admin", true, fva(3, -1))).bodyAsJsonObject();
    assertThat(me.getString("orgRole")).isEqualTo("org:admin");
    assertThat(me.getJsonArray("orgPermissions")).isEqualTo(new JsonArray().add("org:pings:read"));
    assertThat(me.getJsonArray("features")).isEqualTo(new JsonArray().add("o:pings").add("o:premium_support"));
    assertThat(me.getJsonArray("plans")).isEqualTo(new JsonArray().add("u:pro"));
    assertThat(me.getJsonArray("factorVerificationAge")).isEqualTo(fva(3, -1));
    assertThat(me.getValue("actor")).isNull();
    JsonObject gql = service.graphql("{ me { orgPermissions features plans factorVerificationAge actor { sub } } }",
      world.token(world.claims().put("act", new JsonObject().put("sub", "user_support")))).bodyAsJsonObject();
    assertThat(gql.getJsonObject("data").getJsonObject("me")).isEqualTo(new JsonObject()
      .put("orgPermissions", new JsonArray()).put("features", new JsonArray()).put("plans", new JsonArray())
      .put("factorVerificationAge", fva(0, -1)).put("actor", new JsonObject().put("sub", "user_support")));
  }
}
