package dev.clerkvertx.ops;

import dev.clerkvertx.config.OverloadSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The last line of defence, after Envoy's overload manager: it watches the heap after collection,
 * how late each event loop runs and the open connections, and past their thresholds sheds load
 * rather than letting the process die: new requests get 503 with {@code Retry-After} ({@code /health}
 * excepted) and {@code /ready} 503 so that a load balancer sends traffic elsewhere, caches stop
 * admitting, idle connections are closed and answers close theirs; near the top of the heap new
 * connections are refused too. Many open connections only turn keep-alive off (the connection bound
 * itself evicts idle ones). Each signal recovers by itself below a lower threshold (hysteresis), after
 * a few seconds at least ({@link OverloadThresholds}).
 * <p>
 * Judged every {@link #PERIOD_MILLIS} and after each collection of the old generation, on its own
 * thread (a stuck event loop must not stop it); {@link HeapWatch#RECHECK_MILLIS} says which collections it
 * asks for. The hot path reads one volatile int. Each episode is logged once on entry (WARN) and once on
 * recovery (INFO), and counted.
 */
public final class OverloadManager extends VerticleBase {
  static final long PERIOD_MILLIS = 250;
  /** Event-loop lateness is averaged over windows this long. */
  static final long LAG_WINDOW_MILLIS = 1_000;
  public static final int RETRY_AFTER_SECONDS = 5;
  /** {@link #actions()} bit: new requests answered 503 (idle connections are closed as it begins). */
  public static final int SHED_REQUESTS = 1;
  /** {@link #actions()} bit: answers close their connection (no keep-alive). */
  public static final int CLOSE_CONNECTIONS = 2;
  /** {@link #actions()} bit: new connections closed as they are accepted. */
  public static final int REFUSE_CONNECTIONS = 4;

  private final HeapWatch heap;
  private final ConnectionPressure connections;
  private final OverloadThresholds thresholds;
  private final OverloadSignals signals;
  private final List<LoopLag> loops = new CopyOnWriteArrayList<>();
  private final Map<ShedAction, LongAdder> shed = new EnumMap<>(ShedAction.class);
  private volatile int actions;
  private volatile double heapShare;
  private volatile long lagNanos;
  private long lagWindowStart = System.nanoTime();
  private ScheduledExecutorService thread;

  public OverloadManager(OverloadSettings settings, ConnectionPressure connections) {
    this(HeapWatch.create(), new OverloadThresholds(settings), connections);
  }

  OverloadManager(HeapWatch heap, OverloadThresholds thresholds, ConnectionPressure connections) {
    this.heap = heap;
    this.connections = connections;
    this.thresholds = thresholds;
    for (ShedAction a : ShedAction.values()) {
      shed.put(a, new LongAdder());
    }
    this.signals = new OverloadSignals(thresholds, new OverloadLog(thresholds, heap.poolName(), shed));
  }

  @Override
  public Future<?> start() {
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "clerk-overload");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::evaluate, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    heap.subscribe(() -> {
      try {
        thread.execute(this::evaluate);
      } catch (RejectedExecutionException stopped) {
        // a collection reported while the manager stops
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    heap.unsubscribe();
    thread.shutdownNow();
    return Future.succeededFuture();
  }

  /** Watches the event loop of the calling verticle until the returned probe is closed. */
  public LoopLag watch(Vertx vertx) {
    LoopLag lag = new LoopLag(vertx, loops::remove);
    loops.add(lag);
    return lag;
  }

  /** What to do now: {@link #SHED_REQUESTS}, {@link #CLOSE_CONNECTIONS}, {@link #REFUSE_CONNECTIONS} bits (0 almost always). */
  public int actions() {
    return actions;
  }

  /** True while new requests are shed: {@code /ready} answers 503. */
  public boolean shedding() {
    return (actions & SHED_REQUESTS) != 0;
  }

  public boolean refusesConnections() {
    return (actions & REFUSE_CONNECTIONS) != 0;
  }

  /** Counts one action taken (by the HTTP layer or a cache). */
  public void record(ShedAction action) {
    shed.get(action).increment();
  }

  /** For a cache: true while it may admit; each refusal is counted. */
  public BooleanSupplier cacheAdmission() {
    return () -> {
      if ((actions & SHED_REQUESTS) == 0) {
        return true;
      }
      shed.get(ShedAction.CACHE_SKIPPED).increment();
      return false;
    };
  }

  public long shed(ShedAction action) {
    return shed.get(action).sum();
  }

  public boolean active(OverloadSignal signal) {
    return signals.active(signal);
  }

  /** Episodes of this signal so far. */
  public long episodes(OverloadSignal signal) {
    return signals.episodes(signal);
  }

  /** The old generation's use after its last collection, as a share of its maximum. */
  public double heapShare() {
    return heapShare;
  }

  /** The worst event-loop lateness at the last judgement, in seconds. */
  public double lagSeconds() {
    return lagNanos / 1e9;
  }

  /** Checks {@code budget} against what long-lived data must fit in: the old generation this manager watches. */
  public void check(MemoryBudget budget, long maxHeapBytes) {
    check(budget, heap.capacityBytes(), "old generation, " + heap.poolName() + ", of a " + (maxHeapBytes >> 20)
      + " MiB heap");
  }

  /** Checks {@code budget} against another JVM's old generation (dev mode's: the packaged jar's, not Maven's). */
  public void check(MemoryBudget budget, long capacityBytes, String capacityName) {
    budget.check(capacityBytes, capacityName, thresholds.heapEnter());
  }

  synchronized void evaluate() {
    long now = System.nanoTime();
    double share = heap.afterCollection();
    double open = (double) connections.open() / connections.max();
    heapShare = share;
    signals.judge(OverloadSignal.HEAP, share, now);
    signals.judge(OverloadSignal.HEAP_CRITICAL, share, now);
    signals.judge(OverloadSignal.CONNECTIONS, open, now);
    if (now - lagWindowStart >= TimeUnit.MILLISECONDS.toNanos(LAG_WINDOW_MILLIS)) {
      lagWindowStart = now;
      long lag = 0;
      for (LoopLag loop : loops) {
        lag = Math.max(lag, loop.takeNanos(now));
      }
      lagNanos = lag;
      signals.judge(OverloadSignal.EVENT_LOOP_LAG, lag, now);
    }

    int next = 0;
    if (active(OverloadSignal.HEAP) || active(OverloadSignal.HEAP_CRITICAL) || active(OverloadSignal.EVENT_LOOP_LAG)) {
      next |= SHED_REQUESTS | CLOSE_CONNECTIONS;
    }
    if (active(OverloadSignal.CONNECTIONS)) {
      next |= CLOSE_CONNECTIONS;
    }
    if (active(OverloadSignal.HEAP_CRITICAL)) {
      next |= REFUSE_CONNECTIONS;
    }
    int previous = actions;
    actions = next;
    if ((next & SHED_REQUESTS) != 0 && (previous & SHED_REQUESTS) == 0) {
      shed.get(ShedAction.IDLE_CONNECTION_CLOSED).add(connections.closeIdle());
    }
    heap.recheck(now, active(OverloadSignal.HEAP), thresholds.heapEnter());
  }
}
