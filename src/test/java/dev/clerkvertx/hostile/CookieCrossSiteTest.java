package dev.clerkvertx.hostile;

import dev.clerkvertx.auth.TokenRejection;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: the browser attaches Clerk's {@code __session} cookie to every request to the service's
 * site, whichever page sends it. A page on another site (or a sibling subdomain the cookie reaches)
 * submits a form or a "simple" {@code text/plain} fetch, needing no preflight, and acts as the user.
 * A cookie-authenticated request with an unsafe method must come from the service's own origin or a
 * listed one; header-authenticated requests and safe methods are untouched.
 */
@ExtendWith(VertxExtension.class)
class CookieCrossSiteTest {
  static final String APP = "https://app.example.com";
  static final String EVIL = "https://evil.example";

  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "ins_csrf");
    service = world.service(Map.of("CLERK_AUTHORIZED_PARTIES", APP));
  }

  /** A token that passes {@code strict} reverification, so only the origin rule stands in the way. */
  String token() {
    return world.token(world.claims().put("azp", APP).put("fva", new JsonArray().add(0).add(0)));
  }

  String cookies() {
    return "__client_uat=" + (world.clock.epochSecond() - 60) + "; __session=" + token();
  }

  HttpRequest<Buffer> cookiePost(Service s, String uri) {
    return s.client.post(uri).putHeader("Cookie", cookies());
  }

  HttpResponse<Buffer> formPost(HttpRequest<Buffer> req) {
    return Service.await(req.putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("amount=1000")));
  }

  void assertForbidden(HttpResponse<Buffer> resp, TokenRejection reason) {
    assertThat(resp.statusCode()).isEqualTo(403);
    assertThat(resp.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(resp.bodyAsJsonObject().getString("message")).isEqualTo("Forbidden");
    assertThat(resp.bodyAsJsonObject().getInteger("statusCode")).isEqualTo(403);
    assertThat(resp.bodyAsJsonObject().getString("reason")).isEqualTo(reason.code());
    assertThat(service.rejections.last()).isEqualTo(reason);
    assertThat(resp.bodyAsString()).doesNotContain("Sensitive Ping", "GraphQL Ping");
  }

  @Test
  void crossSiteFormPostWithOnlyTheCookieIsRefused() {
    assertForbidden(formPost(cookiePost(service, "/sensitive-endpoints/7").putHeader("Origin", EVIL)
      .putHeader("Sec-Fetch-Site", "cross-site")), TokenRejection.COOKIE_CROSS_SITE);
  }

  @Test
  void crossSiteTextPlainGraphQLPostIsRefusedWithGraphQLErrors() {
    HttpResponse<Buffer> resp = Service.await(cookiePost(service, "/graphql?query=%7BpingOne(id:%221%22)%7D")
      .putHeader("Origin", EVIL).putHeader("Sec-Fetch-Site", "cross-site").putHeader("Content-Type", "text/plain")
      .sendBuffer(Buffer.buffer("{\"query\":\"{pingOne(id:\\\"1\\\")}\"}")));
    assertForbidden(resp, TokenRejection.COOKIE_CROSS_SITE);
    assertThat(resp.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"))
      .isEqualTo("FORBIDDEN");
  }

  @Test
  void aSiblingSubdomainTheCookieReachesIsRefused() {
    assertForbidden(formPost(cookiePost(service, "/sensitive-endpoints/7").putHeader("Origin", "https://blog.example.com")
      .putHeader("Sec-Fetch-Site", "same-site")), TokenRejection.COOKIE_CROSS_SITE);
  }

  @Test
  void aForeignOriginIsRefusedByBrowsersWithoutFetchMetadata() {
    assertForbidden(formPost(cookiePost(service, "/sensitive-endpoints/7").putHeader("Origin", EVIL)),
      TokenRejection.COOKIE_FOREIGN_ORIGIN);
    // a sandboxed frame or a privacy-redirected form sends Origin: null
    assertForbidden(formPost(cookiePost(service, "/sensitive-endpoints/7").putHeader("Origin", "null")),
      TokenRejection.COOKIE_FOREIGN_ORIGIN);
    // the same host on another port is another origin
    assertForbidden(formPost(cookiePost(service, "/sensitive-endpoints/7").putHeader("Origin", "http://127.0.0.1:1")),
      TokenRejection.COOKIE_FOREIGN_ORIGIN);
  }

  @Test
  void corsWildcardListsNoOriginForCookies() {
    Service open = world.service(Map.of("CLERK_AUTHORIZED_PARTIES", APP, "CORS_ALLOWED_ORIGINS", "*"));
    HttpResponse<Buffer> resp = Service.await(cookiePost(open, "/sensitive-endpoints/7").putHeader("Origin", EVIL)
      .putHeader("Sec-Fetch-Site", "cross-site").putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("x")));
    assertThat(resp.statusCode()).isEqualTo(403);
    assertThat(open.rejections.last()).isEqualTo(TokenRejection.COOKIE_CROSS_SITE);
  }

  @Test
  void nextJsStyleSameOriginCookieCallWorks() {
    String own = "http://127.0.0.1:" + service.running.port();
    JsonObject query = new JsonObject().put("query", "{ pingOne(id: \"1\") me { userId } }");
    // a current browser: Origin and Sec-Fetch-Site
    HttpResponse<Buffer> resp = Service.await(cookiePost(service, "/graphql").putHeader("Origin", own)
      .putHeader("Sec-Fetch-Site", "same-origin").sendJsonObject(query));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("pingOne")).isEqualTo("GraphQL Ping #1!");
    // a browser without fetch metadata: Origin against Host
    assertThat(Service.await(cookiePost(service, "/sensitive-endpoints/3").putHeader("Origin", own)
      .sendJsonObject(new JsonObject())).bodyAsString()).isEqualTo("Sensitive Ping #3!");
    // behind a proxy that keeps the public host in X-Forwarded-Host (as Next.js rewrites do)
    assertThat(Service.await(cookiePost(service, "/sensitive-endpoints/4").putHeader("Origin", "https://shop.example.net")
      .putHeader("X-Forwarded-Host", "shop.example.net").sendJsonObject(new JsonObject())).statusCode()).isEqualTo(200);
    // behind a proxy that rewrote Host and says nothing: the browser's Sec-Fetch-Site still vouches
    assertThat(Service.await(cookiePost(service, "/sensitive-endpoints/6").putHeader("Origin", "https://shop.example.net")
      .putHeader("Sec-Fetch-Site", "same-origin").sendJsonObject(new JsonObject())).statusCode()).isEqualTo(200);
    // or that passes Host through, with the default port written out
    assertThat(Service.await(cookiePost(service, "/sensitive-endpoints/5").putHeader("Origin", "https://shop.example.net")
      .putHeader("Host", "shop.example.net:443").sendJsonObject(new JsonObject())).statusCode()).isEqualTo(200);
  }

  @Test
  void listedOriginsMayUseTheCookieAcrossSites() {
    HttpResponse<Buffer> resp = Service.await(cookiePost(service, "/sensitive-endpoints/8").putHeader("Origin", APP)
      .putHeader("Sec-Fetch-Site", "cross-site").sendJsonObject(new JsonObject()));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
  }

  @Test
  void crossOriginHeaderCallsAreNotConcerned() {
    for (String origin : new String[]{APP, EVIL}) {
      HttpResponse<Buffer> resp = Service.await(service.client.post("/sensitive-endpoints/9").putHeader("Origin", origin)
        .putHeader("Sec-Fetch-Site", "cross-site").bearerTokenAuthentication(token()).sendJsonObject(new JsonObject()));
      assertThat(resp.statusCode()).as(origin).isEqualTo(200);
      assertThat(resp.bodyAsString()).isEqualTo("Sensitive Ping #9!");
    }
  }

  @Test
  void safeMethodsAndServerSideCallersKeepTheCookie() {
    HttpResponse<Buffer> get = service.send(service.client.get("/rest-endpoints/1").putHeader("Cookie", cookies())
      .putHeader("Origin", EVIL).putHeader("Sec-Fetch-Site", "cross-site"));
    assertThat(get.statusCode()).as("a GET changes nothing; CORS keeps its answer from the page").isEqualTo(200);
    assertThat(get.getHeader("Access-Control-Allow-Origin")).isNull();
    // a server forwarding the user's cookie (a Next.js route handler): no Origin, no fetch metadata
    assertThat(Service.await(cookiePost(service, "/sensitive-endpoints/2").sendJsonObject(new JsonObject())).statusCode())
      .isEqualTo(200);
  }
}
