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

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: connections that send nothing, each holding a slot and 9 KB of heap for as long as the
 * server lets it. A new connection must send its first byte within {@code HTTP_FIRST_BYTE_TIMEOUT_SECONDS}
 * (here 2 s; the request timeout stays 10 s): a connection that has started its request is judged by
 * the request timeout instead. However a connection ends, its slot is freed. The clock is the
 * test's; the sweep runs once a second.
 */
@ExtendWith(VertxExtension.class)
class SilentConnectionTest {
  Vertx vertx;
  Fixture world;
  Service service;
  RawHttp raw;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    world = Fixture.start(vertx, "kid-a");
    service = world.service(Map.of("HTTP_FIRST_BYTE_TIMEOUT_SECONDS", "2", "HTTP_MAX_CONNECTIONS", "16",
      "HTTP_INSTANCES", "2"));
    raw = new RawHttp(vertx, service.running.port());
  }

  static Promise<Void> closed(NetSocket socket) {
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    return closed;
  }

  static boolean closesWithin(Promise<Void> closed, long millis) {
    try {
      closed.future().await(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  double open() {
    return service.running.metrics().get("clerk.http.connections").gauge().value();
  }

  @Test
  void aSilentConnectionIsClosedAfterTheFirstByteDeadlineWhileAStartedRequestGetsTheRequestTimeout() {
    NetSocket silent = raw.connect();
    Promise<Void> silentClosed = closed(silent);
    NetSocket started = raw.connect();
    Promise<Void> startedClosed = closed(started);
    started.write("GET /hea");
    assertThat(closesWithin(silentClosed, 1_500)).as("closed before its deadline").isFalse();

    world.clock.advance(Duration.ofSeconds(3));
    assertThat(closesWithin(silentClosed, 3_000)).as("silent connection closed after its deadline").isTrue();
    assertThat(startedClosed.future().isComplete()).as("a started request is not cut at the first-byte deadline")
      .isFalse();
    assertThat(service.running.metrics().get("clerk.http.connections.closed").tag("reason", "first_byte_timeout")
      .functionCounter().count()).isEqualTo(1);

    world.clock.advance(Duration.ofSeconds(8));
    assertThat(closesWithin(startedClosed, 3_000)).as("cut at the request timeout").isTrue();
  }

  @Test
  void slotsAreFreedHoweverConnectionsEnd() throws Exception {
    List<NetSocket> sockets = new ArrayList<>();
    // served and closed by the client
    for (int i = 0; i < 8; i++) {
      assertThat(raw.exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n", got -> got.contains("\"outcome\":\"UP\"")))
        .startsWith("HTTP/1.1 200");
    }
    // served and closed by the server (Connection: close)
    for (int i = 0; i < 8; i++) {
      assertThat(raw.exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", got -> false))
        .startsWith("HTTP/1.1 200");
    }
    // reset by the client, silent or in the middle of a head
    for (int i = 0; i < 8; i++) {
      try (Socket s = new Socket("127.0.0.1", service.running.port())) {
        s.setSoLinger(true, 0);
        if (i % 2 == 0) {
          s.getOutputStream().write("GET /health HTTP/1.1\r\nHo".getBytes(StandardCharsets.ISO_8859_1));
        }
      }
    }
    ConnectionFloodTest.waitFor("the slots of the reset ones freed", () -> open() == 0);
    // twice the maximum: the oldest idle ones are evicted (once the server has seen all 32)
    AtomicInteger evicted = new AtomicInteger();
    for (int i = 0; i < 32; i++) {
      NetSocket s = raw.connect();
      s.closeHandler(v -> evicted.incrementAndGet());
      sockets.add(s);
    }
    ConnectionFloodTest.waitFor("sixteen evicted", () -> evicted.get() == 16);
    assertThat(open()).isEqualTo(16);
    // the rest closed at the first-byte deadline
    world.clock.advance(Duration.ofSeconds(3));
    ConnectionFloodTest.waitFor("every slot freed", () -> open() == 0);
    // and the table admits as many as before
    List<Promise<Void>> fresh = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      fresh.add(closed(raw.connect()));
    }
    ConnectionFloodTest.waitFor("sixteen admitted", () -> open() == 16);
    assertThat(fresh.stream().noneMatch(p -> p.future().isComplete())).isTrue();
    sockets.forEach(NetSocket::close);
  }
}
