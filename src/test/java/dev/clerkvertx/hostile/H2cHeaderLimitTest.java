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
 * Attack: HTTP/2 over cleartext (prior knowledge), whose header limits are not HTTP/1.1's: a 48 KiB
 * header went through where HTTP/1.1 answers 431. h2c is off; such a connection gets nothing served.
 */
@ExtendWith(VertxExtension.class)
class H2cHeaderLimitTest {

  @Test
  void priorKnowledgeHttp2WithAHugeHeaderIsNotServed(Vertx vertx) {
    Fixture world = Fixture.start(vertx, "kid-a");
    Service service = world.service();
    var client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
      .setHttp2ClearTextUpgrade(false));
    String outcome = Service.await(client.request(new RequestOptions().setMethod(HttpMethod.GET)
        .setHost("127.0.0.1").setPort(service.running.port()).setURI("/rest-endpoints/1")
        .putHeader("Authorization", "Bearer " + world.token()).putHeader("X-Big", "b".repeat(48 * 1024)))
      .compose(req -> req.send()).map(resp -> "status " + resp.statusCode()).otherwise(err -> "refused"));
    assertThat(outcome).isNotEqualTo("status 200");
    // the same header over HTTP/1.1 gets the limit's answer
    assertThat(Service.await(service.client.get("/rest-endpoints/1").bearerTokenAuthentication(world.token())
      .putHeader("X-Big", "b".repeat(48 * 1024)).send()).statusCode()).isEqualTo(431);
  }
}
