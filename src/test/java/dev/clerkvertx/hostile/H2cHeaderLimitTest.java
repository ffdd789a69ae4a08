package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: HTTP/2 over cleartext (prior knowledge), whose header limits and stream bookkeeping are
 * not HTTP/1.1's ({@code HTTP_MAX_HEADER_BYTES} does not apply to it). h2c is off: such a connection
 * gets nothing served, small header or huge.
 */
@ExtendWith(VertxExtension.class)
class H2cHeaderLimitTest {

  static String h2c(Vertx vertx, int port, String token, int headerBytes) {
    var client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
      .setHttp2ClearTextUpgrade(false));
    return Service.await(client.request(new RequestOptions().setMethod(HttpMethod.GET)
        .setHost("127.0.0.1").setPort(port).setURI("/rest-endpoints/1")
        .putHeader("Authorization", "Bearer " + token).putHeader("X-Big", "b".repeat(headerBytes)))
      .compose(req -> req.send()).map(resp -> "status " + resp.statusCode()).otherwise(err -> "refused"));
  }

  @Test
  void priorKnowledgeHttp2IsNotServedWhateverItsHeaders(Vertx vertx) {
    Fixture world = Fixture.start(vertx, "kid-a");
    Service service = world.service();
    assertThat(h2c(vertx, service.running.port(), world.token(), 10)).isNotEqualTo("status 200");
    assertThat(h2c(vertx, service.running.port(), world.token(), 12 * 1024)).isNotEqualTo("status 200");
    assertThat(h2c(vertx, service.running.port(), world.token(), 48 * 1024)).isNotEqualTo("status 200");
    // the same header over HTTP/1.1 gets the limit's answer
    assertThat(Service.await(service.client.get("/rest-endpoints/1").bearerTokenAuthentication(world.token())
      .putHeader("X-Big", "b".repeat(48 * 1024)).send()).statusCode()).isEqualTo(431);
  }
}
