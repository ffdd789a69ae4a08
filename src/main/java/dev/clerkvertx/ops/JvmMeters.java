package dev.clerkvertx.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The JVM's series on {@code /metrics} (memory, GC, threads, classes, compilation, CPU, uptime): the
 * binders vertx-micrometer-metrics binds with {@code setJvmMetricsEnabled(true)}, bound by this verticle
 * on a worker thread once the listeners are open instead of while Vert.x is created. Looking up the
 * platform MXBeans and registering GC notification listeners, run once, cost a cold start about a tenth
 * of a second on the one thread everything else waited for. Undeployed with Vert.x, it removes the GC
 * notification listeners (a JVM that starts several services, as the tests do, would otherwise keep
 * each one's).
 */
public final class JvmMeters extends VerticleBase {
  private final MeterRegistry registry;
  private final List<MeterBinder> bound = new CopyOnWriteArrayList<>();

  public JvmMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> {
      for (MeterBinder binder : List.of(new ClassLoaderMetrics(), new JvmCompilationMetrics(), new JvmGcMetrics(),
        new JvmHeapPressureMetrics(), new JvmInfoMetrics(), new JvmMemoryMetrics(), new JvmThreadMetrics(),
        new ProcessorMetrics(), new UptimeMetrics())) {
        bound.add(binder);
        binder.bindTo(registry);
      }
      return null;
    }, false);
  }

  @Override
  public Future<?> stop() {
    for (MeterBinder binder : bound) {
      if (binder instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // only listeners are removed: nothing to report
        }
      }
    }
    return Future.succeededFuture();
  }
}
