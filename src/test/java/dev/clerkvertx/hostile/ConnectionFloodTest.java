package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
 * {@code /health} probes are still answered. Attack (review of main): fill every slot with a request
 * whose body never finishes arriving; such connections counted as busy, and a new one was refused
 * until the request timeout. Now the oldest connection whose request is still arriving gives way too;
 * a new connection is refused only when every open one has a whole request being answered.
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
    // each connection beyond the maximum evicted an idle one, or, while evicted ones were still closing, was
    // closed as it was accepted (AcceptGate)
    assertThat(closedByTheBound("evicted") + closedByTheBound("accept_bound")).isGreaterThanOrEqualTo(2 * MAX);
  }

  private double closedByTheBound(String reason) {
    return service.running.metrics().get("clerk.http.connections.closed").tag("reason", reason).functionCounter().count();
  }

  @Test
  void connectionsWhoseRequestsNeverFinishArrivingCannotLockOutNewClients() throws Exception {
    // every slot holds a request whose body never finishes arriving (the server's "100 Continue" shows
    // it in progress): such a connection is held up by its client, so the oldest gives way to a new one
    String head = "POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + world.token()
      + "\r\nContent-Type: application/json\r\nContent-Length: 24\r\nExpect: 100-continue\r\n\r\n{\"query\":";
    List<NetSocket> stalled = new ArrayList<>();
    List<Promise<Void>> closed = new ArrayList<>();
    for (int i = 0; i < MAX; i++) {
      NetSocket s = raw.connect();
      Promise<Void> inProgress = Promise.promise();
      Promise<Void> gone = Promise.promise();
      s.handler(b -> inProgress.tryComplete());
      s.closeHandler(v -> gone.tryComplete());
      s.write(head);
      int n = i;
      waitFor("request " + n + " in progress", () -> inProgress.future().isComplete());
      stalled.add(s);
      closed.add(gone);
    }
    assertThat(open()).isEqualTo(MAX);
    WebClient clients = newClients();
    String token = world.token();
    for (int i = 0; i < 10; i++) {
      assertThat(Service.await(clients.get("/health").send()).statusCode()).isEqualTo(200);
      assertThat(Service.await(clients.get("/rest-endpoints/" + i).bearerTokenAuthentication(token).send())
        .bodyAsString()).isEqualTo("REST Ping #" + i + "!");
    }
    waitFor("the oldest stalled connections closed", () -> closed.get(0).future().isComplete());
    assertThat(closed.get(MAX - 1).future().isComplete()).as("the newest stalled connection").isFalse();
    assertThat(service.running.metrics().get("clerk.http.connections.closed").tag("reason", "all_busy")
      .functionCounter().count()).isZero();
    assertThat(open()).isLessThanOrEqualTo(MAX);
    stalled.forEach(NetSocket::close);
    waitFor("every slot freed", () -> open() == 0);
  }
}
