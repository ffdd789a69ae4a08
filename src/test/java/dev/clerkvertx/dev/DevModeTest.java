package dev.clerkvertx.dev;

import ch.qos.logback.classic.Level;
import dev.clerkvertx.auth.SessionCache;
import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.ops.MemoryBudget;
import dev.clerkvertx.support.LogCapture;
import dev.clerkvertx.support.MutableClock;
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

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void sizesItsSessionCacheForThePackagedJarsHeapNotMavens() {
    assertThat(Runtime.getRuntime().maxMemory()).as("this test needs a heap above the jar's").isGreaterThan(DevMode.JAR_HEAP_BYTES);
    // what the jar started with the README's flags (-Xmx96m) would have
    assertThat(service.running.sessions().maxBytes())
      .isEqualTo(SessionCache.create(OptionalInt.empty(), DevMode.JAR_HEAP_BYTES, clock).maxBytes());
  }

  @Test
  void checksItsMemoryBudgetAgainstThePackagedJarsOldGenerationNotMavens(Vertx vertx) {
    try (LogCapture log = new LogCapture(MemoryBudget.class, Level.INFO)) {
      Service.start(vertx, Service.baseEnv(), clock, true);
      assertThat(log.lines(Level.INFO)).anySatisfy(line -> assertThat(line).startsWith("Memory budget: ")
        .endsWith(" of 80.0 MiB (" + DevMode.JAR_OLD_GENERATION + ")"));
    }
  }

  @Test
  void refusesPoolsThePackagedJarsHeapCannotHoldAsTheJarWould(Vertx vertx) {
    assertThat(Runtime.getRuntime().maxMemory()).as("this test needs a heap that holds the pools").isGreaterThan(512L << 20);
    Map<String, String> env = Service.baseEnv();
    env.put("HTTP_MAX_CONNECTIONS", "20000");   // about 176 MiB of connections
    assertThatThrownBy(() -> Service.start(vertx, env, clock, true))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("HTTP_MAX_CONNECTIONS"))
      .hasMessageContaining("the heap cannot hold the bounded pools").hasMessageContaining("of 80.0 MiB");
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
      HttpResponse<Buffer> resp = Service.await(service.client.post("/dev/token")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
      assertThat(resp.statusCode()).as(body).isEqualTo(400);
    }
  }

  @Test
  void mintsOrganisationPermissionsFeaturesPlansAndFactorAges() {
    String token = mint(new JsonObject()
      .put("org", new JsonObject().put("id", "org_7").put("slug", "acme").put("role", "member")
        .put("permissions", new JsonArray().add("org:pings:read").add("org:invoices:write").add("org:pings:write")))
      .put("features", new JsonArray().add("u:beta").add("o:premium_support"))
      .put("plans", new JsonArray().add("o:pro"))
      .put("fva", new JsonArray().add(1).add(2)));
    JsonObject me = service.get("/me", token).bodyAsJsonObject();
    assertThat(me.getString("orgId")).isEqualTo("org_7");
    assertThat(me.getString("orgRole")).isEqualTo("org:member");
    assertThat(me.getJsonArray("orgPermissions").getList())
      .containsExactlyInAnyOrder("org:pings:read", "org:pings:write", "org:invoices:write");
    assertThat(me.getJsonArray("features").getList()).contains("u:beta", "o:premium_support");
    assertThat(me.getJsonArray("plans").getList()).containsExactly("o:pro");
    assertThat(me.getJsonArray("factorVerificationAge")).isEqualTo(new JsonArray().add(1).add(2));
    assertThat(service.get("/org-endpoints/1", token).bodyAsString()).isEqualTo("Org Ping #1 for org_7!");
    assertThat(service.get("/admin-endpoints/1", token).statusCode()).isEqualTo(403);
  }

  @Test
  void refusesMalformedAuthorizationOverridesWith400() {
    for (String body : new String[]{"{\"org\": 1}", "{\"org\": {\"slug\": \"x\"}}",
      "{\"org\": {\"id\": \"o\", \"permissions\": [\"read\"]}}", "{\"features\": [\"premium\"]}",
      "{\"plans\": \"o:pro\"}", "{\"fva\": [1]}", "{\"fva\": [\"1\", 2]}"}) {
      HttpResponse<Buffer> resp = Service.await(service.client.post("/dev/token")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
      assertThat(resp.statusCode()).as(body).isEqualTo(400);
    }
  }

  @Test
  void refusesUnknownFieldsNamingThemRatherThanMintingWithoutThem() {
    HttpResponse<Buffer> resp = Service.await(service.client.post("/dev/token").sendJsonObject(new JsonObject()
      .put("orgs", new JsonObject().put("id", "org_1")).put("lifetime", 60).put("claims", new JsonObject())));
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.bodyAsJsonObject().getString("message"))
      .isEqualTo("unknown fields lifetime, orgs; the fields are org, features, plans, fva, claims, lifetimeSeconds");
    resp = Service.await(service.client.post("/dev/token").sendJsonObject(new JsonObject()
      .put("org", new JsonObject().put("id", "org_1").put("perms", new JsonArray().add("org:pings:read")))));
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.bodyAsJsonObject().getString("message"))
      .isEqualTo("unknown field in org: perms; its fields are id, slug, role, permissions");
  }

  @Test
  void graphiqlTokenAnswersEveryDemoField() {
    String page = service.get("/graphiql/", null).bodyAsString();
    String token = page.replaceAll("(?s).*\"Authorization\":\"Bearer ([^\"]+)\".*", "$1");
    JsonObject data = service.graphql("{ orgPing(id: \"1\") adminPing(id: \"2\") featurePing(id: \"3\") "
      + "planPing(id: \"4\") sensitivePing(id: \"5\") }", token).bodyAsJsonObject().getJsonObject("data");
    assertThat(data).isEqualTo(new JsonObject().put("orgPing", "GraphQL Org Ping #1!").put("adminPing", "GraphQL Admin Ping #2!")
      .put("featurePing", "GraphQL Feature Ping #3!").put("planPing", "GraphQL Plan Ping #4!")
      .put("sensitivePing", "GraphQL Sensitive Ping #5!"));
  }

  @Test
  void servesItsJwks() {
    JsonObject jwks = service.get("/.well-known/jwks.json", null).bodyAsJsonObject();
    assertThat(jwks.getJsonArray("keys")).hasSize(1);
    assertThat(jwks.getJsonArray("keys").getJsonObject(0).getString("kid")).startsWith("ins_dev_");
    assertThat(jwks.encode()).doesNotContain("\"d\"");
  }
}
