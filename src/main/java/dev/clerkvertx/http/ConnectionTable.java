package dev.clerkvertx.http;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.clerkvertx.ops.ConnectionPressure;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The process's open HTTP connections, at most {@link #max()}, shared by every event loop. At the
 * maximum a new connection takes the slot of the oldest connection with no request in progress,
 * which is closed (once a request that raced in is answered); failing that, of the oldest connection
 * whose request is still arriving (its client is the one holding it up), which is closed at once;
 * only when every connection has a whole request being answered is the new one refused. So a flood of idle connections cannot lock new clients out, and behind a load
 * balancer, where every client has one address, nobody is refused for sharing it.
 * <p>
 * Connections are kept in the order they opened, in a list under one lock taken when a connection
 * opens or closes, never per request: whether a connection is busy is one volatile field written by
 * its own event loop. An evicted slot leaves the table at once, so the count never exceeds the
 * maximum (the evicted socket may outlive it by the time its close takes).
 */
public final class ConnectionTable implements ConnectionPressure {
  /**
   * Heap bytes one open connection holds, from class histograms of the packaged jar (-Xmx96m,
   * SerialGC) with 2,000 connections open: 8,244 bytes each when silent, 8,752 after one request on
   * keep-alive (Netty's channel, pipeline and queues, Vert.x's connection and decoder), plus this
   * table's slot; rounded up.
   */
  public static final int BYTES_PER_CONNECTION = 9 * 1024;
  /**
   * The share of the heap connections may take by default: with the quarter more sockets {@link AcceptGate}
   * lets in beside them ({@link #maxSockets()}), a tenth of the heap.
   */
  static final double HEAP_SHARE = 0.08;
  /** The share of the process's file-descriptor limit connections may take by default: with that quarter, 80 %. */
  static final double DESCRIPTOR_SHARE = 0.64;
  /** How long an evicted or idle-closed connection may finish a request that raced in. */
  private static final long CLOSE_GRACE_SECONDS = 10;

  private final int max;
  /** Refuses a socket as it is accepted beyond {@link #maxSockets()}: one for the process. */
  private final AcceptGate acceptGate;
  private final Object lock = new Object();
  private final Slot head = new Slot(null, 0);
  private int open;
  private final LongAdder evicted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder firstByteTimeouts = new LongAdder();
  private final LongAdder drainTimeouts = new LongAdder();

  /** One open connection. Links and {@code linked} are guarded by the table's lock. */
  static final class Slot {
    final HttpConnection connection;
    /** The latest request head on this connection; written by its event loop, read by any. */
    volatile HttpServerRequest current;
    /** Confined to the connection's event loop ({@link ConnectionGuard}): since when it is watched, and whether a byte came. */
    long since;
    boolean firstByte;
    /**
     * Since when answer bytes wait for the client without any being taken, or -1; how many waited at the
     * last sweep; how many times the connection turned writable again (its client took enough bytes), and
     * that count at the last sweep.
     */
    long pendingSince = -1;
    long pendingBytes;
    long writable;
    long writableSeen;
    private Slot prev = this;
    private Slot next = this;
    private boolean linked;

    Slot(HttpConnection connection, long since) {
      this.connection = connection;
      this.since = since;
    }

    /** True while a request has arrived and its answer has not ended. */
    boolean busy() {
      HttpServerRequest r = current;
      return r != null && !r.response().ended();
    }

    /** True while a request's head has arrived and the rest of it has not: the client holds it up. */
    boolean arriving() {
      HttpServerRequest r = current;
      return r != null && !r.isEnded() && !r.response().ended();
    }
  }

  public ConnectionTable(int max) {
    this.max = max;
    this.acceptGate = new AcceptGate(maxSockets());
  }

  /**
   * Sockets the process may have accepted and not closed yet: the maximum, and a quarter of it again
   * on their way into an event loop or out of it (an evicted connection is closing); counted in the
   * memory budget at {@link #BYTES_PER_CONNECTION} each.
   */
  public int maxSockets() {
    return max + Math.max(2, max / 4);
  }

  /** The gate in front of the listening socket ({@link AcceptGate}). */
  AcceptGate acceptGate() {
    return acceptGate;
  }

  /** {@link #HEAP_SHARE} of the heap at {@link #BYTES_PER_CONNECTION}, at most {@link #DESCRIPTOR_SHARE} of {@code descriptors}. */
  public static int defaultMax(long maxHeapBytes, long descriptors) {
    long byHeap = (long) (maxHeapBytes * HEAP_SHARE) / BYTES_PER_CONNECTION;
    long byDescriptors = descriptors > 0 ? (long) (descriptors * DESCRIPTOR_SHARE) : Long.MAX_VALUE;
    return (int) Math.max(16, Math.min(Math.min(byHeap, byDescriptors), 1_000_000));
  }

  /** The process's file-descriptor limit, or -1 when the platform does not say. */
  public static long descriptorLimit() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
      ? unix.getMaxFileDescriptorCount() : -1;
  }

  /**
   * A slot for a newly accepted connection, watched from {@code now}, or null when the table is full of
   * busy connections (the caller closes it). At the maximum the oldest idle connection gives up its slot
   * and is closed. The slot's watch starts before it is counted or anything is evicted for it: a slot
   * seen in the table always has its start.
   */
  Slot admit(HttpConnection connection, long now) {
    Slot slot = new Slot(connection, now);
    Slot victim = null;
    boolean stalled = false;
    synchronized (lock) {
      if (open >= max) {
        victim = oldestIdle();
        if (victim == null) {
          victim = oldestArriving();
          stalled = true;
        }
        if (victim == null) {
          refused.increment();
          return null;
        }
        unlink(victim);
      }
      slot.prev = head.prev;
      slot.next = head;
      head.prev.next = slot;
      head.prev = slot;
      slot.linked = true;
      open++;
    }
    if (victim != null) {
      evicted.increment();
      if (stalled) {
        victim.connection.close();
      } else {
        victim.connection.shutdown(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
      }
    }
    return slot;
  }

  /** The connection closed, however it closed: its slot is free (nothing if it was evicted). */
  void release(Slot slot) {
    synchronized (lock) {
      if (slot.linked) {
        unlink(slot);
      }
    }
  }

  @Override
  public int closeIdle() {
    List<Slot> idle = new ArrayList<>();
    synchronized (lock) {
      for (Slot s = head.next; s != head; s = s.next) {
        if (!s.busy()) {
          idle.add(s);
        }
      }
    }
    idle.forEach(s -> s.connection.shutdown(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS));
    return idle.size();
  }

  private Slot oldestIdle() {
    for (Slot s = head.next; s != head; s = s.next) {
      if (!s.busy()) {
        return s;
      }
    }
    return null;
  }

  private Slot oldestArriving() {
    for (Slot s = head.next; s != head; s = s.next) {
      if (s.arriving()) {
        return s;
      }
    }
    return null;
  }

  private void unlink(Slot slot) {
    slot.prev.next = slot.next;
    slot.next.prev = slot.prev;
    slot.prev = slot;
    slot.next = slot;
    slot.linked = false;
    open--;
  }

  @Override
  public int open() {
    synchronized (lock) {
      return open;
    }
  }

  @Override
  public int max() {
    return max;
  }

  @Override
  public long evicted() {
    return evicted.sum();
  }

  @Override
  public long refused() {
    return refused.sum();
  }

  @Override
  public long refusedAtAccept() {
    return acceptGate.refused();
  }

  @Override
  public long firstByteTimeouts() {
    return firstByteTimeouts.sum();
  }

  @Override
  public long drainTimeouts() {
    return drainTimeouts.sum();
  }

  /** A connection is being closed for not taking its answer in time. */
  void drainTimedOut() {
    drainTimeouts.increment();
  }

  /** A connection is being closed for sending nothing in time. */
  void firstByteTimedOut() {
    firstByteTimeouts.increment();
  }
}
