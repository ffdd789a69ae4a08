package dev.clerkvertx.ops;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The heap as the overload manager judges it: the old generation's use right after the last
 * collection of it ({@link MemoryPoolMXBean#getCollectionUsage()}: live data plus what that
 * collection could not free), as a share of its maximum. Between collections the JVM's figure goes
 * stale, so the manager may ask for a collection ({@link #recheck}). Tells a listener after each collection of the old
 * generation (SerialGC's {@code MarkSweepCompact}, G1's collections). Thread-safe.
 */
final class HeapWatch {
  /**
   * The JVM measures the old generation only when it collects it, so a full collection is asked for,
   * at most this often (when none happened meanwhile): while the old generation's current use is past
   * the threshold, to learn early whether live data is (rather than only when the heap is full), and
   * while shedding for the heap, to learn whether the pressure has passed.
   */
  static final long RECHECK_MILLIS = 1_000;

  private final MemoryPoolMXBean old;
  private final long maxBytes;
  private final List<GarbageCollectorMXBean> collectors;
  private NotificationListener listener;
  private long collectionsSeen = -1;
  private long lastCollectionNanos;

  private HeapWatch(MemoryPoolMXBean old, long maxBytes) {
    this.old = old;
    this.maxBytes = maxBytes;
    this.collectors = old == null ? List.of() : ManagementFactory.getGarbageCollectorMXBeans().stream()
      .filter(gc -> Arrays.asList(gc.getMemoryPoolNames()).contains(old.getName())).toList();
  }

  /** The tenured pool of this JVM's collector (the largest heap pool whose collections are reported). */
  static HeapWatch create() {
    Optional<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported() && p.isCollectionUsageThresholdSupported())
      .max(Comparator.comparingLong(p -> p.getUsage().getMax()));
    long max = old.map(p -> p.getUsage().getMax()).filter(m -> m > 0).orElse(Runtime.getRuntime().maxMemory());
    return new HeapWatch(old.orElse(null), max);
  }

  /** The pool watched, for log lines (e.g. {@code Tenured Gen}); null when none can be. */
  String poolName() {
    return old == null ? null : old.getName();
  }

  /** What long-lived data must fit in: the old generation's maximum. */
  long capacityBytes() {
    return maxBytes;
  }

  /** The old generation's use after its last collection, as a share of its maximum (0 before any). */
  double afterCollection() {
    MemoryUsage usage = old == null ? null : old.getCollectionUsage();
    return usage == null ? 0 : (double) usage.getUsed() / maxBytes;
  }

  /** The old generation's use now, garbage included, as a share of its maximum. */
  double now() {
    return old == null ? 0 : (double) old.getUsage().getUsed() / maxBytes;
  }

  /**
   * Asks for a full collection (it pauses the JVM, as any full collection does) when none happened for
   * {@link #RECHECK_MILLIS} and either {@code shedding} (has the pressure passed?) or the old
   * generation's current use is past {@code threshold} (is it live data?). Called from one thread.
   */
  void recheck(long nowNanos, boolean shedding, double threshold) {
    long n = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      n += Math.max(0, gc.getCollectionCount());
    }
    if (n != collectionsSeen) {
      collectionsSeen = n;
      lastCollectionNanos = nowNanos;
    }
    if (nowNanos - lastCollectionNanos >= TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS) && (shedding || now() >= threshold)) {
      lastCollectionNanos = nowNanos;
      System.gc();
    }
  }

  /** Runs {@code afterCollection} (on the JVM's notification thread) after each collection of the old generation. */
  void subscribe(Runnable afterCollection) {
    listener = (notification, handback) -> afterCollection.run();
    for (GarbageCollectorMXBean gc : collectors) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
  }

  void unsubscribe() {
    if (listener == null) {
      return;
    }
    for (GarbageCollectorMXBean gc : collectors) {
      if (gc instanceof NotificationEmitter emitter) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
          // never added
        }
      }
    }
  }
}
