package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: slow clients holding sockets open. Vert.x's idle timeout restarts with every byte, so a
 * header sent a byte at a time used to keep its connection forever. Now a connection must deliver
 * each request, head and body, within {@code HTTP_REQUEST_TIMEOUT_SECONDS} (here 2 s) of opening or
 * of its previous answer. The clock is the test's: it runs ten times faster than real time once a
 * test lets it go; the sweep runs once a second.
 */
@ExtendWith(VertxExtension.class)
class SlowClientTest {
  Vertx vertx;
  Fixture world;
  Service service;
  RawHttp raw;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    world = Fixture.start(vertx, "kid-a");
    service = world.service(java.util.Map.of("HTTP_REQUEST_TIMEOUT_SECONDS", "2"));
    raw = new RawHttp(vertx, service.running.port());
  }

  Promise<Void> closed(NetSocket socket) {
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    return closed;
  }

  /** From now on the test clock moves a second every 100 ms, until the test ends. */
  void letTimeRun() {
    vertx.setPeriodic(100, id -> world.clock.advance(Duration.ofSeconds(1)));
  }

  /** True when the socket closes within {@code millis} of real time. */
  static boolean closesWithin(Promise<Void> closed, long millis) {
    try {
      closed.future().await(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  @Test
  void headTrickledByteByByteIsCutAtTheTimeout() {
    NetSocket socket = raw.connect();
    Promise<Void> closed = closed(socket);
    String head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    long trickle = vertx.setPeriodic(100, id -> socket.write("a"));
    socket.write(head);
    assertThat(closesWithin(closed, 1_300)).as("closed before the timeout").isFalse();
    letTimeRun();
    assertThat(closesWithin(closed, 3_000)).as("closed once the timeout passed").isTrue();
    vertx.cancelTimer(trickle);
  }

  @Test
  void bodyTrickledByteByByteIsCutAtTheTimeout() {
    NetSocket socket = raw.connect();
    Promise<Void> closed = closed(socket);
    socket.write("POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + world.token()
      + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
    long trickle = vertx.setPeriodic(100, id -> socket.write(" "));
    letTimeRun();
    assertThat(closesWithin(closed, 3_000)).isTrue();
    vertx.cancelTimer(trickle);
  }

  @Test
  void idleKeepAliveConnectionIsClosedAfterTheTimeoutButServedBefore() {
    NetSocket socket = raw.connect();
    Promise<Void> closed = closed(socket);
    Promise<Void> answered = Promise.promise();
    socket.handler(b -> answered.tryComplete());
    socket.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    Service.await(answered.future());
    assertThat(closesWithin(closed, 1_300)).isFalse();
    letTimeRun();
    assertThat(closesWithin(closed, 3_000)).isTrue();
  }

  @Test
  void connectionThatNeverSendsAByteIsClosed() {
    NetSocket socket = raw.connect();
    Promise<Void> closed = closed(socket);
    letTimeRun();
    assertThat(closesWithin(closed, 3_000)).isTrue();
  }
}
