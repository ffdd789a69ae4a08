package dev.clerkvertx.http;

import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.config.SettingValues;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Browser frontends on other origins: listed origins get CORS with credentials, others get nothing. */
@ExtendWith(VertxExtension.class)
class CorsTest {
  static final String APP = "https://app.example.com";
  Fixture world;

  @BeforeEach
  void setUp(Vertx vertx) {
    world = Fixture.start(vertx, "kid-a");
  }

  Service start(Map<String, String> extra) {
    return world.service(extra);
  }

  String token() {
    return world.token(world.claims().put("azp", APP));
  }

  HttpResponse<Buffer> preflight(Service s, String origin, String path) {
    return s.send(s.client.request(HttpMethod.OPTIONS, path).putHeader("Origin", origin)
      .putHeader("Access-Control-Request-Method", "POST")
      .putHeader("Access-Control-Request-Headers", "authorization, content-type"));
  }

  @Test
  void preflightFromAnAuthorizedPartyIsAnsweredWithoutAuthentication() {
    Service s = start(Map.of("CLERK_AUTHORIZED_PARTIES", APP));
    HttpResponse<Buffer> resp = preflight(s, APP, "/graphql");
    assertThat(resp.statusCode()).isEqualTo(204);
    assertThat(resp.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(resp.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(resp.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("Authorization").containsIgnoringCase("Content-Type");
    assertThat(resp.getHeader("Access-Control-Allow-Methods")).contains("POST");
  }

  @Test
  void requestFromAnAuthorizedPartyGetsCorsHeadersWithItsAnswer() {
    Service s = start(Map.of("CLERK_AUTHORIZED_PARTIES", APP));
    HttpResponse<Buffer> ok = s.send(s.client.get("/rest-endpoints/1").putHeader("Origin", APP).bearerTokenAuthentication(token()));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
    HttpResponse<Buffer> denied = s.send(s.client.get("/rest-endpoints/1").putHeader("Origin", APP));
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.getHeader("Access-Control-Allow-Origin")).as("the browser must be able to read the 401").isEqualTo(APP);
  }

  @Test
  void originNotInTheListGetsNoCorsHeaders() {
    Service s = start(Map.of("CLERK_AUTHORIZED_PARTIES", APP));
    HttpResponse<Buffer> pre = preflight(s, "https://evil.example.com", "/graphql");
    assertThat(pre.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("access-control-"));
    HttpResponse<Buffer> get = s.send(s.client.get("/rest-endpoints/1").putHeader("Origin", "https://evil.example.com")
      .bearerTokenAuthentication(token()));
    assertThat(get.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("access-control-"));
  }

  @Test
  void corsAllowedOriginsOverrideTheAuthorizedParties() {
    Service s = start(Map.of("CLERK_AUTHORIZED_PARTIES", APP, "CORS_ALLOWED_ORIGINS", "https://admin.example.com"));
    assertThat(preflight(s, "https://admin.example.com", "/me").getHeader("Access-Control-Allow-Origin")).isEqualTo("https://admin.example.com");
    assertThat(preflight(s, APP, "/me").getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void noCorsAtAllWhenNoOriginIsConfigured() {
    Service s = start(Map.of());
    HttpResponse<Buffer> resp = s.send(s.client.get("/rest-endpoints/1").putHeader("Origin", APP).bearerTokenAuthentication(token()));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  HttpResponse<Buffer> preflight(Service s, String origin, String path, String method, String headers) {
    return s.send(s.client.request(HttpMethod.OPTIONS, path).putHeader("Origin", origin)
      .putHeader("Access-Control-Request-Method", method).putHeader("Access-Control-Request-Headers", headers));
  }

  @Test
  void preflightForDeleteWithAnExtraConfiguredHeaderIsAllowed() {
    Service s = start(Map.of("CLERK_AUTHORIZED_PARTIES", APP,
      "CORS_ALLOWED_HEADERS", "Authorization, Content-Type, X-Request-Id", "CORS_MAX_AGE_SECONDS", "3600"));
    HttpResponse<Buffer> resp = preflight(s, APP, "/api/notes/1", "DELETE", "authorization, x-request-id");
    assertThat(resp.statusCode()).isEqualTo(204);
    assertThat(resp.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(resp.getHeader("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    assertThat(resp.getHeader("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type, X-Request-Id");
    assertThat(resp.getHeader("Access-Control-Max-Age")).isEqualTo("3600");
    String token = world.token(world.claims().put("azp", APP)
      .mergeIn(dev.clerkvertx.support.Claims.member("org_1", "member", "org:notes:write")));
    HttpResponse<Buffer> delete = s.send(s.client.delete("/api/notes/1").putHeader("Origin", APP)
      .putHeader("X-Request-Id", "r-1").bearerTokenAuthentication(token));
    assertThat(delete.statusCode()).isEqualTo(404);
    assertThat(delete.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
  }

  @Test
  void onlyTheConfiguredMethodsAndHeadersAreOffered() {
    Service s = start(Map.of("CLERK_AUTHORIZED_PARTIES", APP, "CORS_ALLOWED_METHODS", "get, POST",
      "CORS_ALLOWED_HEADERS", "Authorization"));
    HttpResponse<Buffer> resp = preflight(s, APP, "/api/notes/1", "DELETE", "authorization");
    assertThat(resp.getHeader("Access-Control-Allow-Methods")).isEqualTo("GET, POST");
    assertThat(resp.getHeader("Access-Control-Allow-Headers")).isEqualTo("Authorization");
    assertThat(resp.getHeader("Access-Control-Max-Age")).isEqualTo("600");
  }

  @Test
  void exposedHeadersAreNamedOnAnswersToListedOrigins() {
    Service s = start(Map.of("CLERK_AUTHORIZED_PARTIES", APP, "CORS_EXPOSED_HEADERS", "Location"));
    String token = world.token(world.claims().put("azp", APP)
      .mergeIn(dev.clerkvertx.support.Claims.member("org_1", "member", "org:notes:write")));
    HttpResponse<Buffer> created = Service.await(s.client.post("/api/notes").putHeader("Origin", APP)
      .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("text", "hi")));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Access-Control-Expose-Headers")).isEqualTo("Location");
    assertThat(created.getHeader("Location")).startsWith("/api/notes/");
    HttpResponse<Buffer> other = s.send(s.client.get("/health").putHeader("Origin", "https://evil.example.com"));
    assertThat(other.getHeader("Access-Control-Expose-Headers")).isNull();
  }

  @Test
  void devModeLetsTheNextJsDevServerCallUnlessOriginsAreSet() {
    Service dev = Service.start(world.vertx, Service.baseEnv(), MutableClock.atNow(), true);
    HttpResponse<Buffer> resp = preflight(dev, "http://localhost:3000", "/api/notes", "POST", "authorization, content-type");
    assertThat(resp.getHeader("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
    assertThat(dev.running.http().corsAllowedOrigins()).containsExactly("http://localhost:3000");

    Map<String, String> env = Service.baseEnv();
    env.put("CORS_ALLOWED_ORIGINS", APP);
    Service set = Service.start(world.vertx, env, MutableClock.atNow(), true);
    assertThat(preflight(set, "http://localhost:3000", "/api/notes", "POST", "authorization")
      .getHeader("Access-Control-Allow-Origin")).isNull();
    // outside dev mode nobody is added
    assertThat(start(Map.of()).running.http().corsAllowedOrigins()).isEmpty();
  }

  @Test
  void badCorsSettingsStopStartUpNamingTheVariable() {
    for (var bad : Map.of("CORS_ALLOWED_METHODS", "GET, FETCH", "CORS_ALLOWED_HEADERS", "X Request",
      "CORS_EXPOSED_HEADERS", "*", "CORS_MAX_AGE_SECONDS", "-1").entrySet()) {
      JsonObject conf = SettingValues.defaults().put(bad.getKey(), bad.getValue());
      assertThatThrownBy(() -> ServiceConfig.from(conf, 96L << 20)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(bad.getKey());
    }
  }
}
