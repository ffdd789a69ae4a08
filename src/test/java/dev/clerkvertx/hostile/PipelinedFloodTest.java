package dev.clerkvertx.hostile;

import ch.qos.logback.classic.Level;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.LogCapture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (review-dos2): requests pipelined deep on one connection, no token needed. Vert.x put Netty's
 * WebSocket extension handler (for WebSocket compression) in every connection's pipeline, though the
 * service serves no WebSocket; past 128 requests awaiting their answers it throws on each further
 * request, Vert.x's exception handler then fails too, and Netty logs both at WARN with their stack
 * traces: against the packaged jar one connection of 1,000 pipelined {@code GET /health} (33 KB) wrote
 * 1.7 MB of log, and two clients sending such connections kept the event loops busy writing it until the
 * heap ran out. Without that handler pipelined requests are answered in order, and nothing is logged.
 */
@ExtendWith(VertxExtension.class)
class PipelinedFloodTest {
  static final int PIPELINED = 1_000;

  Vertx vertx;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    service = Fixture.start(vertx, "kid-a").service();
  }

  @Test
  void deeplyPipelinedRequestsAreAnsweredAndLogNothing() {
    String batch = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".repeat(PIPELINED);
    try (LogCapture netty = new LogCapture("io.netty", Level.WARN)) {
      for (int round = 0; round < 3; round++) {
        String answers = new RawHttp(vertx, service.running.port())
          .exchange(batch, r -> RawHttp.count(r, "HTTP/1.1 ") >= PIPELINED && r.endsWith("}"));
        assertThat(RawHttp.count(answers, "HTTP/1.1 200 OK")).as("answers to %d pipelined requests", PIPELINED)
          .isEqualTo(PIPELINED);
      }
      assertThat(netty.lines(Level.WARN)).as("Netty's warnings").isEmpty();
    }
  }
}
