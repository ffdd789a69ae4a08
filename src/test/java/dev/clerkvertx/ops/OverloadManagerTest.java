package dev.clerkvertx.ops;

import dev.clerkvertx.config.OverloadSettings;
import dev.clerkvertx.support.Service;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overload manager on real event loops and the real heap, its thresholds set for the test: an
 * event loop stuck in a handler sheds requests and recovers once it runs again; many open connections
 * only turn keep-alive off.
 */
@ExtendWith(VertxExtension.class)
class OverloadManagerTest {
  /** Connections as the manager sees them; {@code open} is set by the test. */
  static final class Connections implements ConnectionPressure {
    volatile int open;
    final AtomicInteger closeIdleCalls = new AtomicInteger();

    @Override
    public int open() {
      return open;
    }

    @Override
    public int max() {
      return 100;
    }

    @Override
    public int closeIdle() {
      closeIdleCalls.incrementAndGet();
      return 0;
    }

    @Override
    public long evicted() {
      return 0;
    }

    @Override
    public long refused() {
      return 0;
    }

    @Override
    public long firstByteTimeouts() {
      return 0;
    }
  }

  static OverloadManager manager(Vertx vertx, Connections connections, long lagMillis) {
    OverloadSettings settings = new OverloadSettings(OptionalInt.empty(), Duration.ofSeconds(5), 99,
      Duration.ofMillis(lagMillis), 90);
    OverloadManager manager = new OverloadManager(HeapWatch.create(), new OverloadThresholds(settings, 0), connections);
    Service.await(vertx.deployVerticle(manager));
    return manager;
  }

  static void waitFor(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void aStuckEventLoopShedsRequestsUntilItRunsAgain(Vertx vertx) throws Exception {
    Connections connections = new Connections();
    OverloadManager manager = manager(vertx, connections, 300);
    Context loop = vertx.getOrCreateContext();
    Promise<LoopLag> watched = Promise.promise();
    loop.runOnContext(v -> watched.complete(manager.watch(vertx)));
    Service.await(watched.future());
    Thread.sleep(1_200);
    assertThat(manager.actions()).as("a loop that runs on time sheds nothing").isZero();

    // a handler that does not return for two seconds (what blocking I/O on an event loop does)
    loop.runOnContext(v -> {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_000);
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    });
    waitFor("shedding while the loop is stuck", 3, manager::shedding);
    assertThat(manager.active(OverloadSignal.EVENT_LOOP_LAG)).isTrue();
    assertThat(manager.actions()).isEqualTo(OverloadManager.SHED_REQUESTS | OverloadManager.CLOSE_CONNECTIONS);
    assertThat(connections.closeIdleCalls.get()).as("idle connections closed as shedding begins").isEqualTo(1);
    waitFor("recovered once the loop runs again", 6, () -> manager.actions() == 0);
    assertThat(manager.episodes(OverloadSignal.EVENT_LOOP_LAG)).isEqualTo(1);
    assertThat(manager.cacheAdmission().getAsBoolean()).isTrue();
  }

  @Test
  void manyOpenConnectionsTurnKeepAliveOffButShedNothing(Vertx vertx) throws Exception {
    Connections connections = new Connections();
    OverloadManager manager = manager(vertx, connections, 60_000);
    connections.open = 95;
    waitFor("keep-alive off", 2, () -> manager.actions() != 0);
    assertThat(manager.actions()).isEqualTo(OverloadManager.CLOSE_CONNECTIONS);
    assertThat(manager.shedding()).isFalse();
    assertThat(connections.closeIdleCalls.get()).isZero();
    connections.open = 85;
    Thread.sleep(600);
    assertThat(manager.actions()).as("hysteresis: 85 % is not yet under 80 %").isEqualTo(OverloadManager.CLOSE_CONNECTIONS);
    connections.open = 50;
    waitFor("keep-alive back", 2, () -> manager.actions() == 0);
  }
}
