package dev.clerkvertx.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Honest callers beside an attack: {@code /health} and an authenticated ping every 50 ms, each on
 * its own connection pool, recording the slowest answer and any that was not a 200.
 */
public final class Probes implements AutoCloseable {
  private final Vertx vertx;
  private final WebClient client;
  private final long timer;
  private final AtomicLong slowestMillis = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final List<String> failures = new CopyOnWriteArrayList<>();

  public Probes(Vertx vertx, int port, String token) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.timer = vertx.setPeriodic(50, id -> {
      probe("/health", null);
      probe("/rest-endpoints/1", token);
    });
  }

  private void probe(String path, String token) {
    long start = System.nanoTime();
    var req = client.get(path).timeout(5_000);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    req.send().onComplete(ar -> {
      slowestMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
      answered.incrementAndGet();
      if (ar.failed()) {
        failures.add(path + ": " + ar.cause());
      } else if (ar.result().statusCode() != 200) {
        failures.add(path + ": " + ar.result().statusCode());
      }
    });
  }

  /**
   * Waits until {@code count} probes were answered, at most 5 s (call it from the test's thread, never an
   * event loop): an attack may end before the first probe is due, and probes judged then judge nothing.
   */
  public void awaitAnswered(int count) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (answered.get() < count && System.nanoTime() < deadline) {
      Service.await(Future.future(p -> vertx.setTimer(50, t -> p.complete())));
    }
  }

  public long slowestMillis() {
    return slowestMillis.get();
  }

  public long answered() {
    return answered.get();
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
    client.close();
  }
}
