package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (issue 14): a flood of {@code /ready}, which needs no token. vertx-health-check armed two
 * 1 s timers per request (one per check), each holding its request until it fired, so a flood doubled
 * the live heap. {@code /ready} now answers from state: the flood arms no timer. Vert.x numbers its
 * timers in order, so the ids of two timers set around the flood count the timers armed in between.
 */
@ExtendWith(VertxExtension.class)
class ReadyFloodTest {
  static final int REQUESTS = 400;

  @Test
  void aFloodOfReadinessProbesArmsNoTimers(Vertx vertx) {
    Service service = Fixture.start(vertx, "kid-a").service();
    assertThat(service.get("/ready", null).statusCode()).isEqualTo(200);
    long before = vertx.setTimer(3_600_000, id -> { });
    vertx.cancelTimer(before);
    for (int batch = 0; batch < REQUESTS / 50; batch++) {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(service.client.get("/ready").send().map(r -> r.statusCode()));
      }
      assertThat(Service.await(Future.all(answers)).<Integer>list()).containsOnly(200);
    }
    long after = vertx.setTimer(3_600_000, id -> { });
    vertx.cancelTimer(after);
    assertThat(after - before - 1).as("timers armed during %d /ready requests", REQUESTS).isLessThan(REQUESTS / 10);
  }
}
