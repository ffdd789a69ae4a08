package dev.clerkvertx.ops;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drain behind a load balancer, over real keep-alive sockets: after the drain starts the
 * listener keeps serving for SHUTDOWN_DELAY_SECONDS with /ready at 503, every answer closes its
 * connection, idle connections are closed at once, then new connections are refused.
 */
@ExtendWith(VertxExtension.class)
class DrainDelayTest {
  static final Duration DELAY = Duration.ofSeconds(2);
  static final Duration GRACE = Duration.ofSeconds(5);

  Fixture world;
  Service service;

  @BeforeEach
  void setUp(Vertx vertx) {
    world = Fixture.start(vertx, "kid-a");
    service = world.service();
  }

  /** One HTTP/1.1 answer read off a socket: status line and headers (lower-cased), then the body. */
  record Answer(int status, String head, String body) {
    boolean closesConnection() {
      return head.contains("\nconnection: close");
    }
  }

  Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", service.running.port());
    s.setSoTimeout(5_000);
    return s;
  }

  static Answer exchange(Socket s, String path, String token) throws IOException {
    String auth = token == null ? "" : "Authorization: Bearer " + token + "\r\n";
    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n")
      .getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("answer head so far: " + head).isNotNegative();
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1).replace("\r\n", "\n").toLowerCase(Locale.ROOT);
    int length = Integer.parseInt(text.replaceAll("(?s).*\ncontent-length: (\\d+).*", "$1"));
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Answer(Integer.parseInt(text.substring(9, 12)), text, body);
  }

  /** True when the server closed the connection (end of stream) within the socket timeout. */
  static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Test
  void duringTheDelayReadinessIs503AndEveryAnswerClosesItsConnection() throws Exception {
    try (Socket before = connect()) {
      Answer first = exchange(before, "/rest-endpoints/1", world.token());
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.closesConnection()).isFalse();

      service.running.drain(DELAY, GRACE);
      // the idle keep-alive connection is closed at once
      long start = System.nanoTime();
      assertThat(closedByServer(before)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DELAY);
    }
    // the listener still serves: the load balancer may not have seen the 503 yet
    try (Socket s = connect()) {
      Answer ready = exchange(s, "/ready", null);
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).contains("shutting down");
      assertThat(ready.closesConnection()).isTrue();
      assertThat(closedByServer(s)).isTrue();
    }
    try (Socket s = connect()) {
      Answer ping = exchange(s, "/rest-endpoints/7", world.token());
      assertThat(ping.status()).isEqualTo(200);
      assertThat(ping.body()).isEqualTo("REST Ping #7!");
      assertThat(ping.closesConnection()).isTrue();
      assertThat(closedByServer(s)).isTrue();
    }
    // once the delay is over, new connections are refused
    long deadline = System.nanoTime() + DELAY.plusSeconds(3).toNanos();
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", service.running.port())) {
        Thread.sleep(50);
      } catch (ConnectException e) {
        refused = true;
      }
    }
    assertThat(refused).as("connections refused after the delay").isTrue();
  }

  @Test
  void aRequestInFlightWhenTheDrainStartsIsAnsweredWithConnectionCloseThenClosed() throws Exception {
    // a slow request: its token names a rotated-in key, and the JWKS takes 700 ms to answer
    world.jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"), TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
    world.jwks.delay(700);
    String rotated = world.token(TestKeys.RSA_B, "kid-b");
    try (Socket s = connect()) {
      assertThat(exchange(s, "/health", null).closesConnection()).isFalse();
      world.vertx.setTimer(200, t -> service.running.drain(DELAY, GRACE));
      Answer slow = exchange(s, "/rest-endpoints/42", rotated);
      assertThat(service.running.draining().get()).isTrue();
      assertThat(slow.status()).isEqualTo(200);
      assertThat(slow.body()).isEqualTo("REST Ping #42!");
      assertThat(slow.closesConnection()).isTrue();
      assertThat(closedByServer(s)).isTrue();
    }
  }

  @Test
  void withoutADrainKeepAliveConnectionsStayOpen() throws Exception {
    try (Socket s = connect()) {
      s.setSoTimeout(500);
      for (int i = 0; i < 3; i++) {
        Answer a = exchange(s, "/rest-endpoints/" + i, world.token());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.closesConnection()).isFalse();
      }
      assertThat(closedByServer(s)).isFalse();
    }
  }
}
