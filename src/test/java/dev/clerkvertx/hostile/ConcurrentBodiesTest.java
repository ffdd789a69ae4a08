package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.OpenRequest;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static dev.clerkvertx.support.OpenRequest.graphqlHead;
import static dev.clerkvertx.support.OpenRequest.within;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: many signed-in users each send most of a full-size GraphQL body and hold it, so that the
 * buffered bodies together fill the heap. One event loop holds at most 16 x the body limit of bodies,
 * counted as their bytes arrive; a body whose bytes would go over it makes unfinished bodies of the
 * callers holding the most give way, the oldest among equals (each answered 503 with {@code Retry-After} and its connection closed, the rest
 * unread), so the budget holds and the newest bodies are the ones being taken. Requests without a
 * body are served meanwhile, and once the held bodies go, bodies are taken again.
 */
@ExtendWith(VertxExtension.class)
class ConcurrentBodiesTest {
  static final long CAPACITY = 16L * 65_536;
  static final int PART = 60_000;

  @Test
  void bodiesBeyondTheBudgetMakeTheOldestGiveWayAndTheRestIsLeftUnread(Vertx vertx) {
    Fixture world = Fixture.start(vertx, "kid-a");
    Service service = world.service();
    RawHttp raw = new RawHttp(vertx, service.running.port());
    List<OpenRequest> open = new ArrayList<>();
    long fitting = CAPACITY / PART;
    for (int i = 0; i < 20; i++) {
      // twenty users, each within their own share: only the event loop's budget binds
      OpenRequest r = new OpenRequest(raw, graphqlHead(world.token(world.claims().put("sub", "user_" + i)), 65_536));
      r.write("{\"query\":\"" + " ".repeat(PART - 10));
      open.add(r);
      boolean fits = i + 1 <= fitting;
      long expected = fits ? (long) (i + 1) * PART : fitting * PART;
      OpenRequest oldest = fits ? null : open.get((int) (i - fitting));
      assertThat(within(5_000, () -> held(service) == expected && (fits || oldest.closed())))
        .as("after body %d: held %d", i, held(service)).isTrue();
      assertThat(held(service)).isLessThanOrEqualTo(CAPACITY);
    }
    assertThat(open.subList(0, (int) (20 - fitting)))
      .allMatch(r -> r.answered(503) && r.received().toLowerCase().contains("retry-after: 1") && r.closed());
    assertThat(open.subList((int) (20 - fitting), 20)).noneMatch(OpenRequest::closed);
    String token = world.token();
    // a request without a body holds nothing: GraphQL over GET is served while the budget is spent
    assertThat(service.get("/graphql?query=%7Bme%7BuserId%7D%7D", token).statusCode()).isEqualTo(200);
    open.forEach(OpenRequest::close);
    assertThat(within(3_000, () -> held(service) == 0)).isTrue();
    assertThat(service.graphql("{ me { userId } }", token).statusCode()).isEqualTo(200);
  }

  static long held(Service service) {
    return (long) service.running.metrics().get("clerk.http.body.bytes").gauge().value();
  }
}
