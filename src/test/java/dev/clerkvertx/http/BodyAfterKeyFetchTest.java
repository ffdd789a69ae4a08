package dev.clerkvertx.http;

import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token signed by a key the service has not fetched yet is verified asynchronously (the key owner
 * fetches the JWKS first). The request body arrives meanwhile and must still reach GraphQL.
 */
@ExtendWith(VertxExtension.class)
class BodyAfterKeyFetchTest {

  @Test
  void aBodyThatArrivesWhileTheKeyIsFetchedIsStillRead(Vertx vertx) {
    Fixture world = Fixture.start(vertx, "kid-a");
    Service service = world.service();
    world.jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"), TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
    world.jwks.delay(300);
    String rotated = Tokens.rs256(TestKeys.RSA_B.getPrivate(), Claims.header("kid-b"), world.claims());
    HttpResponse<Buffer> resp = Service.await(service.client.post("/graphql").bearerTokenAuthentication(rotated)
      .timeout(5_000).sendJsonObject(new JsonObject().put("query", "{ pingOne(id: \"rotated\") }")));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("pingOne")).isEqualTo("GraphQL Ping #rotated!");
  }
}
