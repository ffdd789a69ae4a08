package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (review-dos2): connections opened faster than busy event loops take them in, no token needed.
 * Vert.x's acceptor thread accepts every socket and queues it to an event loop; the connection table
 * counts it only once that loop gets to it. Two clients opening short connections with 1,000 pipelined
 * {@code GET /health} each (the loops busy answering them) put 16,000 accepted sockets and 9,000 Vert.x
 * connections in the heap of the packaged jar (-Xmx96m), beside a table of 1,074, and it died of
 * {@code OutOfMemoryError} within seconds. Here the event loops are held still while sockets arrive:
 * beyond {@code ConnectionTable.maxSockets()} they are closed as they are accepted, and none of the
 * rest is lost.
 */
@ExtendWith(VertxExtension.class)
class AcceptFloodTest {
  static final int MAX = 32;
  /** The table's maximum and a quarter of it on its way in or out. */
  static final int SOCKETS = MAX + MAX / 4;
  static final int ATTACKERS = 300;

  Vertx vertx;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    service = Fixture.start(vertx, "kid-a").service(Map.of("HTTP_MAX_CONNECTIONS", String.valueOf(MAX), "HTTP_INSTANCES", "2"));
  }

  /** True when the server closed the socket (end of stream or reset); false while it stays open. */
  static boolean closedByServer(Socket s) throws IOException {
    s.setSoTimeout(20);
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void socketsBeyondTheBoundAreClosedAsTheyAreAcceptedWhileTheEventLoopsAreBusy() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Socket> sockets = new ArrayList<>();
    try {
      // every event loop busy (as answering thousands of pipelined requests keeps them): only the acceptor runs
      for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
        loop.execute(() -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      for (int i = 0; i < ATTACKERS; i++) {
        sockets.add(new Socket("127.0.0.1", service.running.port()));
      }
      Thread.sleep(500);
      int closed = 0;
      for (Socket s : sockets) {
        if (closedByServer(s)) {
          closed++;
        }
      }
      assertThat(ATTACKERS - closed).as("sockets of %d left open while the event loops were busy", ATTACKERS)
        .isLessThanOrEqualTo(SOCKETS);
      // with the loops held, only the gate can have closed them: each is counted, under its own reason
      assertThat(service.running.metrics().get("clerk.http.connections.closed").tag("reason", "accept_bound")
        .functionCounter().count()).as("closed as they were accepted").isGreaterThanOrEqualTo(closed);
    } finally {
      release.countDown();
      for (Socket s : sockets) {
        s.close();
      }
    }
    // the loops free again, the closes run and the service answers; until the closes have run the gate may
    // still refuse (a reset): probed with a plain socket, whose reset is the probe's alone (a reset of a
    // Vert.x client connection is also reported to the test's Vert.x, failing the test)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String status;
    while (!(status = probeHealth()).contains(" 200 ")) {
      assertThat(System.nanoTime()).as("answered again after the attack (last: %s)", status).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** The status line of {@code GET /health} on a fresh plain socket, or the failure. */
  private String probeHealth() {
    try (Socket s = new Socket("127.0.0.1", service.running.port())) {
      s.setSoTimeout(2_000);
      s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
      String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      return String.valueOf(line);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
