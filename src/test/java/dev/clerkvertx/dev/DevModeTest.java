package dev.clerkvertx.dev;

import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Dev mode: the embedded issuer, its JWKS, and token minting for loopback callers. */
@ExtendWith(VertxExtension.class)
class DevModeTest {
  MutableClock clock;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    clock = MutableClock.atNow();
    service = Service.start(vertx, Service.baseEnv(), clock, true);
  }

  String mint(JsonObject body) {
    HttpResponse<Buffer> resp = Service.await(service.client.post("/dev/token").sendJsonObject(body));
    assertThat(resp.statusCode()).isEqualTo(200);
    return resp.bodyAsJsonObject().getString("token");
  }

  @Test
  void startsInDevModeWhenNoClerkVariableIsSet() {
    assertThat(service.running.dev()).isPresent();
    assertThat(service.running.issuer()).startsWith("http://localhost:");
  }

  @Test
  void tokenLikeThePrintedOneAnswersThePing() {
    String token = service.running.dev().orElseThrow().tokens().mint(new JsonObject(), DevIssuer.DEFAULT_LIFETIME);
    HttpResponse<Buffer> resp = service.get("/rest-endpoints/12345", token);
    assertThat(resp.bodyAsString()).isEqualTo("REST Ping #12345!");
  }

  @Test
  void mintsTokensWithClaimOverridesForLoopbackCallers() {
    String token = mint(new JsonObject().put("claims", new JsonObject().put("sub", "user_42")
      .put("o", new JsonObject().put("id", "org_1").put("rol", "admin").put("slg", "acme"))));
    JsonObject me = service.get("/me", token).bodyAsJsonObject();
    assertThat(me.getString("userId")).isEqualTo("user_42");
    assertThat(me.getString("orgRole")).isEqualTo("org:admin");
  }

  @Test
  void mintsWithDefaultsWhenThePostHasNoBody() {
    HttpResponse<Buffer> resp = Service.await(service.client.post("/dev/token").send());
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(service.get("/me", resp.bodyAsJsonObject().getString("token")).bodyAsJsonObject().getString("userId"))
      .isEqualTo("user_dev");
  }

  @Test
  void mintedLifetimeIsHonoured() {
    String token = mint(new JsonObject().put("lifetimeSeconds", 60));
    assertThat(service.get("/rest-endpoints/1", token).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(66));
    assertThat(service.get("/rest-endpoints/1", token).statusCode()).isEqualTo(401);
  }

  @Test
  void mintedTokensStillObeyTheRules() {
    String pending = mint(new JsonObject().put("claims", new JsonObject().put("sts", "pending")));
    assertThat(service.get("/rest-endpoints/1", pending).statusCode()).isEqualTo(401);
  }

  @Test
  void refusesCallersBehindAProxy() {
    HttpResponse<Buffer> resp = Service.await(service.client.post("/dev/token")
      .putHeader("X-Forwarded-For", "203.0.113.9").send());
    assertThat(resp.statusCode()).isEqualTo(403);
  }

  @Test
  void rejectsBadMintRequestsWith400() {
    for (String body : new String[]{"[1]", "{\"claims\": 3}", "{\"lifetimeSeconds\": 0}", "{\"lifetimeSeconds\": \"x\"}", "{oops"}) {
      HttpResponse<Buffer> resp = Service.await(service.client.post("/dev/token").sendBuffer(Buffer.buffer(body)));
      assertThat(resp.statusCode()).as(body).isEqualTo(400);
    }
  }

  @Test
  void servesItsJwks() {
    JsonObject jwks = service.get("/.well-known/jwks.json", null).bodyAsJsonObject();
    assertThat(jwks.getJsonArray("keys")).hasSize(1);
    assertThat(jwks.getJsonArray("keys").getJsonObject(0).getString("kid")).startsWith("ins_dev_");
    assertThat(jwks.encode()).doesNotContain("\"d\"");
  }
}
