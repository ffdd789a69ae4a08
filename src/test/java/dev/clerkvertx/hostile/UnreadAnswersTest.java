package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.clerkvertx.support.OpenRequest.within;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (review of main): send GraphQL queries with large answers and never read them. An answer is
 * charged to its event loop's answer budget until it is written to the socket, so unread answers held
 * the whole budget, and every other caller got 503 {@code ANSWERS_BUSY}, for as long as the attacker
 * kept the connections open. Now one caller's answers together hold at most half of the budget, and a
 * connection whose answer bytes wait for the client for {@code HTTP_DRAIN_TIMEOUT_SECONDS} (here 5 s of
 * the service's clock) is closed, which gives them back.
 */
@ExtendWith(VertxExtension.class)
class UnreadAnswersTest {
  /** Eight echoes of a 30,000-character variable: an answer of about 240 KB. */
  static final String ECHOES = "query($v:String!){" + IntStream.range(0, 8).mapToObj(i -> "a" + i + ":pingOne(id:$v)")
    .collect(Collectors.joining(" ")) + "}";

  Vertx vertx;
  Fixture world;
  Service service;
  NetClient nonReader;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    world = Fixture.start(vertx, "kid-a");
    // the attack makes the event loops parse about 19 MB of queries: on a loaded machine (CI beside other
    // builds) that is more than the default 1 s of event-loop lag, and the overload manager's 503s, which
    // have tests of their own, would be taken for the answer budget's
    service = world.service(Map.of("HTTP_DRAIN_TIMEOUT_SECONDS", "5", "HTTP_REQUEST_TIMEOUT_SECONDS", "60",
      "OVERLOAD_EVENT_LOOP_LAG_MILLIS", "60000"));
    // a client that reads nothing, with a small receive window: the answers stay in the server
    nonReader = vertx.createNetClient(new NetClientOptions().setReceiveBufferSize(4_096));
  }

  String token(String sub) {
    return world.token(world.claims().put("sub", sub));
  }

  /** A connection that sends {@code count} echo queries back to back and never reads an answer. */
  Promise<Void> neverReading(String token, int count) {
    NetSocket socket = Service.await(nonReader.connect(service.running.port(), "127.0.0.1"));
    socket.pause();
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    String body = new JsonObject().put("query", ECHOES).put("variables", new JsonObject().put("v", "x".repeat(30_000)))
      .encode();
    String request = "POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
      + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
      + "\r\n\r\n" + body;
    for (int i = 0; i < count; i++) {
      socket.write(Buffer.buffer(request));
    }
    return closed;
  }

  HttpResponse<Buffer> honest(String token) {
    return service.graphql("{ me { userId } }", token);
  }

  static String code(HttpResponse<Buffer> resp) {
    JsonObject body = resp.bodyAsJsonObject();
    return body.getJsonArray("errors") == null ? null
      : body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
  }

  /** Waits (real time) until honest queries are refused busy, i.e. the unread answers hold the budget. */
  boolean busyWithin(String token, long millis) {
    return within(millis, () -> honest(token).statusCode() == 503);
  }

  @Test
  void oneCallersUnreadAnswersHoldNoMoreThanHalfTheBudget() {
    String attacker = token("user_never_reads");
    List<Promise<Void>> connections = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      connections.add(neverReading(attacker, 40));
    }
    String honest = token("user_honest");
    // however long the attacker's answers wait, the others' fit beside them
    assertThat(busyWithin(honest, 3_000)).as("an honest query refused ANSWERS_BUSY").isFalse();
    for (int i = 0; i < 20; i++) {
      HttpResponse<Buffer> resp = honest(honest);
      assertThat(resp.statusCode()).as("honest answer %d: %s", i, resp.bodyAsString()).isEqualTo(200);
      assertThat(resp.bodyAsJsonObject().getJsonObject("data").getJsonObject("me").getString("userId"))
        .isEqualTo("user_honest");
    }
    // the attacker's own answers beyond its share are refused busy meanwhile
    HttpResponse<Buffer> own = echo(attacker);
    assertThat(own.statusCode()).isEqualTo(503);
    assertThat(code(own)).isEqualTo("ANSWERS_BUSY");
  }

  HttpResponse<Buffer> echo(String token) {
    return Service.await(service.client.post("/graphql").bearerTokenAuthentication(token)
      .sendJsonObject(new JsonObject().put("query", ECHOES).put("variables", new JsonObject().put("v", "y".repeat(30_000)))));
  }

  double drainTimeouts() {
    return service.running.metrics().get("clerk.http.connections.closed").tag("reason", "drain_timeout")
      .functionCounter().count();
  }

  @Test
  void unreadAnswersAreDroppedWithTheirConnectionAfterTheDrainTimeout() {
    String attacker = token("user_never_reads");
    List<Promise<Void>> connections = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      connections.add(neverReading(attacker, 40));
    }
    assertThat(within(5_000, () -> echo(attacker).statusCode() == 503)).as("the unread answers hold the caller's share")
      .isTrue();
    assertThat(connections).noneMatch(c -> c.future().isComplete());

    // the guard notes waiting answers once a second of real time: the first note may come after the first
    // advance, so the drain timeout is passed twice. (A paused client does not see the close; a connection whose
    // answers all fit in the kernel's socket buffers holds no heap: the request timeout closes it.)
    boolean closed = false;
    for (int i = 0; i < 2 && !closed; i++) {
      world.clock.advance(Duration.ofSeconds(5));
      closed = within(2_500, () -> drainTimeouts() > 0);
    }
    assertThat(closed).as("connections with answers unread for the drain timeout closed").isTrue();
    assertThat(within(3_000, () -> echo(attacker).statusCode() == 200)).as("their bytes given back").isTrue();
    for (int i = 0; i < 5; i++) {
      assertThat(echo(attacker).statusCode()).isEqualTo(200);
    }
  }

  /**
   * Attack on the drain timeout (review): it counted the time answer bytes had been waiting in total, not the
   * time without progress, so an honest client on a slow link that keeps reading a large answer was cut
   * once the download took longer than {@code HTTP_DRAIN_TIMEOUT_SECONDS} (about 1 MB at 50 KB/s with the
   * default 20 s). Here the client asks for sixty answers of about 240 KB (14 MB: more than the kernel's socket
   * buffers hold, so most of it waits in the server) and reads 2 MiB at a time (the kernel lets the server write
   * more only once a third of its send buffer is free), each read within 3 s (of the service's clock) of the
   * previous one, for five steps (15 s, three times the 5 s drain timeout): it must not be cut.
   */
  static final int ANSWERS = 60;
  static final long STEP = 2L << 20;

  @Test
  void aSlowReaderThatKeepsReadingIsNotCutByTheDrainTimeout() {
    // a second service (the first stops with the test's Vert.x), with a budget all the answers fit in: none is refused busy
    service = world.service(Map.of("HTTP_DRAIN_TIMEOUT_SECONDS", "5", "HTTP_REQUEST_TIMEOUT_SECONDS", "60",
      "GRAPHQL_ANSWER_BUDGET_BYTES", "67108864"));
    NetSocket socket = Service.await(nonReader.connect(service.running.port(), "127.0.0.1"));
    socket.pause();
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    AtomicLong read = new AtomicLong();
    AtomicLong allowed = new AtomicLong();
    StringBuffer head = new StringBuffer();
    socket.handler(chunk -> {
      if (head.length() < 300) {
        head.append(chunk.toString(StandardCharsets.ISO_8859_1), 0, Math.min(chunk.length(), 300));
      }
      if (read.addAndGet(chunk.length()) >= allowed.get()) {
        socket.pause();
      }
    });
    String body = new JsonObject().put("query", ECHOES).put("variables", new JsonObject().put("v", "s".repeat(30_000)))
      .encode();
    String request = "POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token("user_slow_link")
      + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
      + "\r\n\r\n" + body;
    for (int i = 0; i < ANSWERS; i++) {
      socket.write(Buffer.buffer(request));
    }
    for (int step = 0; step < 5; step++) {
      world.clock.advance(Duration.ofSeconds(3));
      allowed.set(read.get() + STEP);
      socket.resume();
      assertThat(within(3_000, () -> read.get() >= allowed.get() || closed.future().isComplete()))
        .as("step %d: 2 MiB more read (%d so far, starting %s)", step, read.get(), head).isTrue();
      assertThat(closed.future().isComplete()).as("step %d: connection of a client still reading (%d bytes read, %s drain timeouts)",
        step, read.get(), drainTimeouts()).isFalse();
      // let a sweep (once a second) see the progress
      within(1_200, () -> false);
    }
    assertThat(drainTimeouts()).isZero();
    assertThat(read.get()).as("answers still waiting").isLessThan(ANSWERS * 240_000L);
  }
}
