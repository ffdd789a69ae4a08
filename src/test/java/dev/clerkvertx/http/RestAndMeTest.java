package dev.clerkvertx.http;

import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST routes of the contract: ping, /me, /health, /ready, and JSON answers for unknown routes. */
@ExtendWith(VertxExtension.class)
class RestAndMeTest {
  static final String KID = "ins_rest";
  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, KID);
    // pasted with a trailing slash, as users do
    service = world.service(Map.of("CLERK_ISSUER_URL", world.jwks.baseUrl() + "/"));
  }

  String token(JsonObject claims) {
    return world.token(claims);
  }

  @Test
  void pingEchoesTheIdAsPlainTextThatBrowsersMayNotSniff() {
    HttpResponse<Buffer> resp = service.get("/rest-endpoints/%3Cb%3Ehi", token(Claims.valid(world.clock, world.jwks.baseUrl())));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsString()).isEqualTo("REST Ping #<b>hi!");
    assertThat(resp.getHeader("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(resp.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void meMapsVersion1OrganisationClaims() {
    JsonObject c = Claims.valid(world.clock, world.jwks.baseUrl()).put("org_id", "org_1").put("org_role", "org:member")
      .put("org_slug", "team").put("org_permissions", new io.vertx.core.json.JsonArray().add("org:invoices:read"));
    c.remove("v");
    HttpResponse<Buffer> resp = service.get("/me", token(c));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject()
      .put("userId", "user_2xyz").put("sessionId", "sess_2abc").put("orgId", "org_1").put("orgRole", "org:member")
      .put("orgSlug", "team").put("orgPermissions", new io.vertx.core.json.JsonArray().add("org:invoices:read"))
      .put("features", new io.vertx.core.json.JsonArray()).put("plans", new io.vertx.core.json.JsonArray())
      .put("factorVerificationAge", new io.vertx.core.json.JsonArray().add(0).add(-1)).putNull("actor")
      .put("authorizedParty", "http://localhost:3000")
      .put("issuedAt", c.getLong("iat")).put("expiresAt", c.getLong("exp")));
  }

  @Test
  void identityAnswersAreNeverStoredByCaches() {
    String t = token(Claims.valid(world.clock, world.jwks.baseUrl()));
    // from the header and from the __session cookie, first verified and then from the cache
    for (int i = 0; i < 2; i++) {
      assertThat(service.get("/me", t).getHeader("Cache-Control")).isEqualTo("no-store");
      assertThat(service.graphql("{ me { userId } }", t).getHeader("Cache-Control")).isEqualTo("no-store");
      assertThat(service.send(service.client.get("/me").putHeader("Cookie", "__client_uat=1; __session=" + t))
        .getHeader("Cache-Control")).isEqualTo("no-store");
    }
  }

  @Test
  void meRequiresAToken() {
    assertThat(service.get("/me", null).statusCode()).isEqualTo(401);
  }

  @Test
  void healthAndReadyAnswerWithoutToken() {
    assertThat(service.get("/health", null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ready = service.get("/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void unknownRouteIsJson404() {
    HttpResponse<Buffer> resp = service.get("/nope", null);
    assertThat(resp.statusCode()).isEqualTo(404);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", "Not Found").put("statusCode", 404));
  }

  @Test
  void issuerPastedWithTrailingSlashStillMatchesTokens() {
    assertThat(service.running.issuer()).isEqualTo(world.jwks.baseUrl());
    assertThat(service.get("/rest-endpoints/1", token(Claims.valid(world.clock, world.jwks.baseUrl()))).statusCode()).isEqualTo(200);
  }
}
