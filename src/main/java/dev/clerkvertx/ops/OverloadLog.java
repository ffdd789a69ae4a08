package dev.clerkvertx.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One WARN line when a signal enters overload, naming the measure, its threshold and what is shed;
 * one INFO line when it recovers, with how long it lasted and what was shed meanwhile. Called only
 * from the overload manager's thread.
 */
final class OverloadLog {
  private static final Logger LOG = LoggerFactory.getLogger(OverloadManager.class);

  private final OverloadThresholds thresholds;
  private final String heapPool;
  private final Map<ShedAction, LongAdder> shed;
  private final Map<OverloadSignal, long[]> atEntry = new EnumMap<>(OverloadSignal.class);
  private final Map<OverloadSignal, Long> enteredNanos = new EnumMap<>(OverloadSignal.class);

  OverloadLog(OverloadThresholds thresholds, String heapPool, Map<ShedAction, LongAdder> shed) {
    this.thresholds = thresholds;
    this.heapPool = heapPool;
    this.shed = shed;
  }

  void entered(OverloadSignal signal, double value) {
    enteredNanos.put(signal, System.nanoTime());
    long[] counts = new long[ShedAction.values().length];
    for (ShedAction a : ShedAction.values()) {
      counts[a.ordinal()] = shed.get(a).sum();
    }
    atEntry.put(signal, counts);
    LOG.warn("Overload ({}): {} (threshold {}): {}", signal.label(), measure(signal, value),
      amount(signal, thresholds.enter(signal)), actions(signal));
  }

  void recovered(OverloadSignal signal, double value) {
    long seconds = (System.nanoTime() - enteredNanos.getOrDefault(signal, System.nanoTime())) / 1_000_000_000L;
    long[] before = atEntry.getOrDefault(signal, new long[ShedAction.values().length]);
    StringBuilder done = new StringBuilder();
    for (ShedAction a : ShedAction.values()) {
      long n = shed.get(a).sum() - before[a.ordinal()];
      if (n > 0) {
        done.append(done.length() == 0 ? "" : ", ").append(a.label()).append(' ').append(n);
      }
    }
    LOG.info("Overload over ({}): {} (under {}) after {} s; meanwhile {}", signal.label(), measure(signal, value),
      amount(signal, thresholds.exit(signal)), seconds, done.length() == 0 ? "nothing shed" : done);
  }

  private String measure(OverloadSignal signal, double value) {
    return switch (signal) {
      case HEAP, HEAP_CRITICAL -> "heap after collection at " + amount(signal, value) + " of " + heapPool;
      case EVENT_LOOP_LAG -> "an event loop " + amount(signal, value) + " late";
      case CONNECTIONS -> amount(signal, value) + " of the connection maximum open";
    };
  }

  private static String amount(OverloadSignal signal, double value) {
    return signal == OverloadSignal.EVENT_LOOP_LAG ? (long) (value / 1_000_000) + " ms"
      : String.format("%.0f %%", value * 100);
  }

  private static String actions(OverloadSignal signal) {
    return switch (signal) {
      case HEAP -> "new requests answered 503 (but /health), /ready 503, caches not admitting, shared identity "
        + "values dropped, idle connections closed, answers close their connection";
      case EVENT_LOOP_LAG -> "new requests answered 503 (but /health), /ready 503, caches not admitting, "
        + "idle connections closed, answers close their connection";
      case HEAP_CRITICAL -> "new connections refused as well";
      case CONNECTIONS -> "answers close their connection";
    };
  }
}
