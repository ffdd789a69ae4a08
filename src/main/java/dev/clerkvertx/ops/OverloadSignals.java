package dev.clerkvertx.ops;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which signals are past their thresholds: each enters at its threshold and recovers under its lower
 * one once its episode has lasted the minimum ({@link OverloadThresholds}); each change logged once
 * ({@link OverloadLog}) and each episode counted. Judged on the overload manager's thread; read from any.
 */
final class OverloadSignals {
  private final OverloadThresholds thresholds;
  private final OverloadLog log;
  private final Map<OverloadSignal, LongAdder> episodes = new EnumMap<>(OverloadSignal.class);
  private final long[] enteredNanos = new long[OverloadSignal.values().length];
  /** Bit {@code 1 << ordinal} per active signal. */
  private volatile int active;

  OverloadSignals(OverloadThresholds thresholds, OverloadLog log) {
    this.thresholds = thresholds;
    this.log = log;
    for (OverloadSignal s : OverloadSignal.values()) {
      episodes.put(s, new LongAdder());
    }
  }

  /** Judges {@code signal} at {@code value}; true when an episode begins now. */
  boolean judge(OverloadSignal signal, double value, long nowNanos) {
    boolean was = active(signal);
    if (!was && value >= thresholds.enter(signal)) {
      active |= 1 << signal.ordinal();
      enteredNanos[signal.ordinal()] = nowNanos;
      episodes.get(signal).increment();
      log.entered(signal, value);
      return true;
    }
    if (was && value < thresholds.exit(signal) && nowNanos - enteredNanos[signal.ordinal()] >= thresholds.minEpisodeNanos()) {
      active &= ~(1 << signal.ordinal());
      log.recovered(signal, value);
    }
    return false;
  }

  boolean active(OverloadSignal signal) {
    return (active & (1 << signal.ordinal())) != 0;
  }

  long episodes(OverloadSignal signal) {
    return episodes.get(signal).sum();
  }
}
