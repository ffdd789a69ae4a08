package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: a client opens idle connections by the thousand (no token needed), each costing the heap
 * about 9 KB, until the process dies or new clients are locked out. The process holds at most
 * {@code HTTP_MAX_CONNECTIONS} (here 32, over two event loops that share the count); at the maximum a
 * new connection takes the slot of the oldest one with no request in progress, so honest clients and
 * {@code /health} probes are still answered, and a new connection is refused only when every open
 * one is busy.
 */
@ExtendWith(VertxExtension.class)
class ConnectionFloodTest {
  static final int MAX = 32;
  Vertx vertx;
  Fixture world;
  Service service;
  RawHttp raw;
  NetClient attacker;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    world = Fixture.start(vertx, "kid-a");
    service = world.service(Map.of("HTTP_MAX_CONNECTIONS", String.valueOf(MAX), "HTTP_INSTANCES", "2"));
    raw = new RawHttp(vertx, service.running.port());
    attacker = vertx.createNetClient();
  }

  double open() {
    return service.running.metrics().get("clerk.http.connections").gauge().value();
  }

  /** A fresh connection per request, as a new client or a load balancer's probe makes. */
  WebClient newClients() {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(service.running.port()).setKeepAlive(false));
  }

  static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(() -> what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void aFloodOfIdleConnectionsBeyondTheMaximumNeverLocksOutNewClients() throws Exception {
    AtomicInteger closedByServer = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    long sampler = vertx.setPeriodic(1, id -> peak.accumulateAndGet((int) open(), Math::max));
    for (int i = 0; i < 3 * MAX; i++) {
      NetSocket s = Service.await(attacker.connect(service.running.port(), "127.0.0.1"));
      s.closeHandler(v -> closedByServer.incrementAndGet());
    }
    waitFor("the oldest idle connections closed to make room", () -> closedByServer.get() >= 2 * MAX);
    assertThat(open()).isEqualTo(MAX);

    // the flood goes on while new clients come, a connection every 10 ms: every client is answered (at
    // the maximum a fresh connection lives 32 x 10 ms before it is the oldest, ample for its request to
    // arrive even on a loaded machine; a faster flood shortens that, in proportion)
    long flood = vertx.setPeriodic(10, id -> attacker.connect(service.running.port(), "127.0.0.1"));
    WebClient clients = newClients();
    String token = world.token();
    try {
      for (int i = 0; i < 20; i++) {
        assertThat(Service.await(clients.get("/health").send()).statusCode()).isEqualTo(200);
        assertThat(Service.await(clients.get("/rest-endpoints/" + i).bearerTokenAuthentication(token).send())
          .bodyAsString()).isEqualTo("REST Ping #" + i + "!");
      }
    } finally {
      vertx.cancelTimer(flood);
    }
    vertx.cancelTimer(sampler);
    assertThat(peak.get()).as("connections open at once, sampled every millisecond").isEqualTo(MAX);
    assertThat(service.running.metrics().get("clerk.http.connections.closed").tag("reason", "evicted")
      .functionCounter().count()).isGreaterThanOrEqualTo(2 * MAX);
  }

  @Test
  void whenEveryConnectionIsBusyANewOneIsClosedAndServedAgainOnceOneIsFree() throws Exception {
    // the server's "100 Continue" shows that the request is in progress, its body awaited
    String head = "POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + world.token()
      + "\r\nContent-Type: application/json\r\nContent-Length: 24\r\nExpect: 100-continue\r\n\r\n{\"query\":";
    List<NetSocket> busy = new ArrayList<>();
    List<Promise<String>> answers = new ArrayList<>();
    for (int i = 0; i < MAX; i++) {
      NetSocket s = raw.connect();
      Promise<Void> inProgress = Promise.promise();
      Promise<String> answer = Promise.promise();
      Buffer got = Buffer.buffer();
      s.handler(b -> {
        got.appendBuffer(b);
        String text = got.toString(StandardCharsets.ISO_8859_1);
        inProgress.tryComplete();
        if (text.replace("HTTP/1.1 100 Continue\r\n\r\n", "").startsWith("HTTP/1.1 ")) {
          answer.tryComplete(text);
        }
      });
      s.write(head);
      int n = i;
      waitFor("request " + n + " in progress", () -> inProgress.future().isComplete());
      busy.add(s);
      answers.add(answer);
    }
    // every slot holds a request whose body has not all arrived: the next connection is closed unanswered
    waitFor("a new connection refused", () -> {
      try (Socket s = new Socket("127.0.0.1", service.running.port())) {
        s.setSoTimeout(2_000);
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return s.getInputStream().read() == -1;
      } catch (java.io.IOException e) {
        return true;
      }
    });
    assertThat(service.running.metrics().get("clerk.http.connections.closed").tag("reason", "all_busy")
      .functionCounter().count()).isPositive();
    assertThat(open()).isEqualTo(MAX);

    // one request completes: its connection is idle, and gives its slot to the next client
    busy.get(0).write("\"{me{userId}}\"}");
    assertThat(Service.await(answers.get(0).future())).contains("HTTP/1.1 200");
    assertThat(Service.await(newClients().get("/health").send()).statusCode()).isEqualTo(200);
    assertThat(answers.stream().skip(1).map(Promise::future).noneMatch(Future::isComplete)).isTrue();
    busy.forEach(NetSocket::close);
    waitFor("every slot freed", () -> open() == 0);
  }
}
