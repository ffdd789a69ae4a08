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

/**
 * The heap as the overload manager judges it: the old generation's use right after the last
 * collection of it ({@link MemoryPoolMXBean#getCollectionUsage()}: live data plus what that
 * collection could not free), as a share of its maximum. Between collections the JVM's figure goes
 * stale, so the manager may ask for a collection ({@link #collect()}). Tells a listener after each collection of the old
 * generation (SerialGC's {@code MarkSweepCompact}, G1's collections). Thread-safe.
 */
final class HeapWatch {
  private final MemoryPoolMXBean old;
  private final long maxBytes;
  private final List<GarbageCollectorMXBean> collectors;
  private NotificationListener listener;

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

  /** Collections of the old generation so far: unchanged means {@link #afterCollection()} is not fresher. */
  long collections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  /** A full collection, to measure the live heap again (it pauses the JVM, as any full collection does). */
  void collect() {
    System.gc();
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
