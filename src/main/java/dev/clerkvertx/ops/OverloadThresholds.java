package dev.clerkvertx.ops;

import dev.clerkvertx.config.OverloadSettings;

import java.util.concurrent.TimeUnit;

/**
 * Where each signal enters overload and where it recovers, lower so that it does not flap: the heap
 * (a share of the old generation after collection) recovers 10 points under its threshold; its
 * critical level (new connections refused) lies halfway from the threshold to 100 % and recovers
 * under the threshold; event-loop lag recovers under half its threshold; open connections recover 10
 * points under theirs. Whatever the measure, an episode lasts at least {@link #MIN_EPISODE_MILLIS}.
 */
record OverloadThresholds(double heapEnter, double heapExit, double criticalEnter, double criticalExit,
                          double lagEnterNanos, double lagExitNanos, double connectionsEnter, double connectionsExit,
                          long minEpisodeNanos) {
  static final double RECOVERY_POINTS = 0.10;
  /** An episode lasts at least this long, so that a signal hovering at its threshold does not flap. */
  static final long MIN_EPISODE_MILLIS = 5_000;

  OverloadThresholds(OverloadSettings s) {
    this(s, TimeUnit.MILLISECONDS.toNanos(MIN_EPISODE_MILLIS));
  }

  OverloadThresholds(OverloadSettings s, long minEpisodeNanos) {
    this(s.heapPercent() / 100.0, s.heapPercent() / 100.0 - RECOVERY_POINTS,
      (s.heapPercent() + (100 - s.heapPercent()) / 2.0) / 100.0, s.heapPercent() / 100.0,
      s.eventLoopLag().toNanos(), s.eventLoopLag().toNanos() / 2.0,
      s.connectionsPercent() / 100.0, s.connectionsPercent() / 100.0 - RECOVERY_POINTS, minEpisodeNanos);
  }

  double enter(OverloadSignal signal) {
    return switch (signal) {
      case HEAP -> heapEnter;
      case HEAP_CRITICAL -> criticalEnter;
      case EVENT_LOOP_LAG -> lagEnterNanos;
      case CONNECTIONS -> connectionsEnter;
    };
  }

  double exit(OverloadSignal signal) {
    return switch (signal) {
      case HEAP -> heapExit;
      case HEAP_CRITICAL -> criticalExit;
      case EVENT_LOOP_LAG -> lagExitNanos;
      case CONNECTIONS -> connectionsExit;
    };
  }
}
