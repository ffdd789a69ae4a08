package dev.clerkvertx.support;

import dev.clerkvertx.ops.MetricsSetup;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test against the service on a Vert.x with the service's own metrics (as {@code Main} starts it),
 * a JWKS with one key and a valid token: for tests that read {@code /metrics} or the refusal counters.
 */
public abstract class MeteredServiceTest {
  protected Vertx vertx;
  protected Fixture world;
  protected Service service;
  protected String token;

  @BeforeEach
  void startMeteredService() {
    vertx = MetricsSetup.vertx(MetricsSetup.registry(), new VertxOptions());
    world = Fixture.start(vertx, "kid-a");
    service = world.service();
    token = world.token();
  }

  @AfterEach
  void closeMeteredVertx() {
    Service.await(vertx.close());
  }
}
