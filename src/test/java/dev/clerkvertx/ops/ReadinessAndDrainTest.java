package dev.clerkvertx.ops;

import dev.clerkvertx.support.Fixture;
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

import static org.assertj.core.api.Assertions.assertThat;

/** /health and /ready answers, stale keys, and readiness during a drain. */
@ExtendWith(VertxExtension.class)
class ReadinessAndDrainTest {
  Vertx vertx;
  Fixture world;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    world = Fixture.start(vertx, "kid-a");
  }

  Service start() {
    return world.service();
  }

  static String status(JsonArray checks, String id) {
    return checks.stream().map(o -> (JsonObject) o).filter(c -> id.equals(c.getString("id")))
      .map(c -> c.getString("status")).findFirst().orElse(null);
  }

  @Test
  void livenessIsUpWithoutKeys() {
    world.jwks.down();
    Service service = start();
    HttpResponse<Buffer> health = service.get("/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessNamesTheFailingCheckWhenNoKeysAreLoaded() {
    world.jwks.down();
    Service service = start();
    HttpResponse<Buffer> ready = service.get("/ready", null);
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonObject body = ready.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("DOWN");
    assertThat(status(body.getJsonArray("checks"), "keys")).isEqualTo("DOWN");
    assertThat(status(body.getJsonArray("checks"), "accepting")).isEqualTo("UP");
  }

  @Test
  void readinessFailsWhenKeysWereNotConfirmedForThreeRefreshPeriods() {
    Service service = start();
    assertThat(service.get("/ready", null).statusCode()).isEqualTo(200);
    world.clock.advance(Duration.ofSeconds(3 * 300 + 30));
    assertThat(service.get("/ready", null).statusCode()).isEqualTo(200);
    world.clock.advance(Duration.ofSeconds(1));
    HttpResponse<Buffer> ready = service.get("/ready", null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(status(ready.bodyAsJsonObject().getJsonArray("checks"), "keys")).isEqualTo("DOWN");
    // stale keys still verify: readiness is for the load balancer, not a reason to reject users
    assertThat(service.get("/rest-endpoints/1", world.token()).statusCode()).isEqualTo(200);
  }

  @Test
  void drainTurnsReadinessOffAtOnceAndLetsInFlightRequestsFinish() {
    Service service = start();
    // an in-flight request: its body is still being sent when the drain starts
    var request = service.client.post("/graphql")
      .bearerTokenAuthentication(world.token())
      .putHeader("Content-Type", "application/json");
    io.vertx.core.streams.ReadStream<Buffer> body = new SlowBody(vertx,
      "{\"query\":\"{ pingOne(id: \\\"drain\\\") }\"}", 300);
    var inFlight = request.sendStream(body);
    vertx.setTimer(100, t -> service.running.drain(Duration.ofSeconds(5)));
    HttpResponse<Buffer> resp = Service.await(inFlight);
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("pingOne")).isEqualTo("GraphQL Ping #drain!");
    assertThat(service.running.draining().get()).isTrue();
    // the listener is closed: a new connection is refused
    assertThat(Service.await(service.client.get("/ready").send().map(r -> "answered " + r.statusCode())
      .otherwise(err -> "refused"))).isEqualTo("refused");
  }

  @Test
  void readinessTurnsDownTheMomentTheDrainStarts() {
    Service service = start();
    var readiness = new Readiness(() -> null, world.clock, java.util.Optional.empty(), service.running.draining(), () -> false);
    assertThat(status(readiness.check().getJsonArray("checks"), "accepting")).isEqualTo("UP");
    service.running.drain(Duration.ofSeconds(1));
    assertThat(status(readiness.check().getJsonArray("checks"), "accepting")).isEqualTo("DOWN");
  }
}
