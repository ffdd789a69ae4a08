package dev.clerkvertx.http;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
}
