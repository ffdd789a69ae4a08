package dev.clerkvertx.http;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every standard method is routed like any other: HEAD wherever GET is, OPTIONS and 405 with
 * {@code Allow} where a path has no route for the method, 404 where there is no such path; only
 * non-standard method names get 501 before routing.
 */
@ExtendWith(VertxExtension.class)
class MethodsTest {
  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "kid-methods");
    service = world.service();
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token) {
    var req = service.client.request(method, path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return service.send(req);
  }

  String raw(String requestLine) {
    return new RawHttp(service.vertx, service.running.port())
      .exchange(requestLine + "\r\nHost: x\r\nContent-Length: 0\r\n\r\n", r -> r.contains("\r\n\r\n") && r.endsWith("}"));
  }

  @Test
  void headAnswersWhereverGetDoesWithoutABody() {
    HttpResponse<Buffer> health = call(HttpMethod.HEAD, "/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(health.body()).isNull();
    assertThat(call(HttpMethod.HEAD, "/ready", null).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.HEAD, "/graphiql/", null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ping = call(HttpMethod.HEAD, "/rest-endpoints/1", world.token());
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.getHeader("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(ping.body()).isNull();
    assertThat(call(HttpMethod.HEAD, "/rest-endpoints/1", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aRoutedPathAnswers405WithAllowForAnotherStandardMethod() {
    for (HttpMethod method : new HttpMethod[]{HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.POST}) {
      HttpResponse<Buffer> resp = call(method, "/health", null);
      assertThat(resp.statusCode()).as(method.name()).isEqualTo(405);
      assertThat(resp.getHeader("Allow")).isEqualTo("GET, HEAD, OPTIONS");
      assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", "Method Not Allowed").put("statusCode", 405));
    }
    assertThat(call(HttpMethod.DELETE, "/graphql", world.token()).getHeader("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
    assertThat(call(HttpMethod.GET, "/sensitive-endpoints/1", world.token()).getHeader("Allow")).isEqualTo("POST, OPTIONS");
    // a trailing slash is the same path to the router, so to Allow
    assertThat(call(HttpMethod.PUT, "/me/", world.token()).getHeader("Allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void optionsAnswersAllowForARoutedPathAnd404Otherwise() {
    HttpResponse<Buffer> options = call(HttpMethod.OPTIONS, "/rest-endpoints/9", null);
    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.getHeader("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(call(HttpMethod.OPTIONS, "/no-such-path", null).statusCode()).isEqualTo(404);
    assertThat(call(HttpMethod.PUT, "/no-such-path", null).statusCode()).isEqualTo(404);
    assertThat(call(HttpMethod.DELETE, "/no-such-path", world.token()).bodyAsJsonObject().getInteger("statusCode")).isEqualTo(404);
  }

  @Test
  void onlyNonStandardMethodNamesGet501BeforeRouting() {
    for (String method : new String[]{"QWERTY", "TRACE", "CONNECT", "PROPFIND", "get"}) {
      String answer = raw(method + " /health HTTP/1.1");
      assertThat(answer).as(method).startsWith("HTTP/1.1 501 Not Implemented")
        .containsIgnoringCase("Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    }
    for (String method : new String[]{"PUT", "PATCH", "DELETE"}) {
      assertThat(raw(method + " /health HTTP/1.1")).as(method).startsWith("HTTP/1.1 405");
      assertThat(raw(method + " /nowhere HTTP/1.1")).as(method).startsWith("HTTP/1.1 404");
    }
  }
}
