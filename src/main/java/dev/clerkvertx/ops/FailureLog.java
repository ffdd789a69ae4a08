package dev.clerkvertx.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import org.slf4j.Logger;

import java.time.Clock;

/**
 * Unexpected failures (a 500, a data fetcher that throws) logged with their stack traces at most
 * {@link #PER_MINUTE} times a minute in the whole process; past that only counted, in
 * {@code clerk_failures_total{logged="false"}}. The first failure logged after a quiet stretch is
 * preceded by one line saying how many were not. A client that can provoke a failure cannot flood the
 * log (a 7 KB stack trace per request grew it by 143 MiB in 10 s). One per Vert.x instance; thread-safe.
 */
public final class FailureLog implements Shareable {
  static final int PER_MINUTE = 5;
  static final long WINDOW_MILLIS = 60_000;

  private final Clock clock;
  private final Counter logged;
  private final Counter unlogged;
  private long windowStart;
  private int inWindow;
  private long suppressed;

  FailureLog(Clock clock, MeterRegistry registry) {
    this.clock = clock;
    this.logged = counter(registry, "true");
    this.unlogged = counter(registry, "false");
    this.windowStart = clock.millis() - WINDOW_MILLIS;
  }

  /** The process's one failure log (one per Vert.x instance), made on first use. */
  public static FailureLog of(Vertx vertx, Clock clock, MeterRegistry registry) {
    return vertx.sharedData().<String, FailureLog>getLocalMap(FailureLog.class.getName())
      .computeIfAbsent("failures", k -> new FailureLog(clock, registry));
  }

  /**
   * Logs at ERROR, SLF4J style (the failure as the last argument), unless this minute's share is used
   * up; then only counts it.
   */
  public void error(Logger log, String format, Object... arguments) {
    long notLogged;
    synchronized (this) {
      long now = clock.millis();
      notLogged = 0;
      if (now - windowStart >= WINDOW_MILLIS) {
        windowStart = now;
        inWindow = 0;
        notLogged = suppressed;
        suppressed = 0;
      }
      if (inWindow >= PER_MINUTE) {
        suppressed++;
        unlogged.increment();
        return;
      }
      inWindow++;
    }
    if (notLogged > 0) {
      log.warn("{} failures were not logged since the last one logged (more than {} a minute); "
        + "they are counted in clerk_failures_total{logged=\"false\"}", notLogged, PER_MINUTE);
    }
    logged.increment();
    log.error(format, arguments);
  }

  private static Counter counter(MeterRegistry registry, String logged) {
    return Counter.builder("clerk.failures").tag("logged", logged)
      .description("Unexpected failures (500 answers, failing data fetchers), by whether their stack trace was logged")
      .register(registry);
  }
}
