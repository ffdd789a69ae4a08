package dev.clerkvertx.ops;

import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How late one event loop runs: a timer on it re-arms itself every {@link #PERIOD_MILLIS} and notes
 * how much later than asked it fired. The overload manager reads the mean lateness over a window of
 * a second or more, so that one collection pause of a few hundred milliseconds does not count as
 * overload while a loop that stays busy does; a loop stuck in a handler fires nothing, so the time
 * since its last tick counts too. Real time ({@link System#nanoTime()}), not the service's clock:
 * lateness is a property of this machine now. Created on the loop it watches.
 */
public final class LoopLag {
  static final long PERIOD_MILLIS = 100;
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);

  private final Vertx vertx;
  private final Consumer<LoopLag> onClose;
  private final AtomicLong lateNanos = new AtomicLong();
  private final AtomicLong ticks = new AtomicLong();
  private volatile long lastTickNanos = System.nanoTime();
  private volatile boolean closed;
  private long timer;

  LoopLag(Vertx vertx, Consumer<LoopLag> onClose) {
    this.vertx = vertx;
    this.onClose = onClose;
    arm();
  }

  private void arm() {
    long armed = System.nanoTime();
    timer = vertx.setTimer(PERIOD_MILLIS, id -> {
      long now = System.nanoTime();
      lateNanos.addAndGet(Math.max(0, now - armed - PERIOD_NANOS));
      ticks.incrementAndGet();
      lastTickNanos = now;
      if (!closed) {
        arm();
      }
    });
  }

  /** The mean lateness of the ticks since the previous call, or how overdue the next tick is now if that is worse. */
  long takeNanos(long now) {
    long n = ticks.getAndSet(0);
    long late = lateNanos.getAndSet(0);
    long overdue = now - lastTickNanos - PERIOD_NANOS;
    return Math.max(0, Math.max(n == 0 ? 0 : late / n, overdue));
  }

  /** Stops watching (the verticle stops); call on the watched loop. */
  public void close() {
    closed = true;
    vertx.cancelTimer(timer);
    onClose.accept(this);
  }
}
