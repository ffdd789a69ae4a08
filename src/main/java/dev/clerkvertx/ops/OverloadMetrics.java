package dev.clerkvertx.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The overload manager's and the connection bound's series; every label value from a fixed set.
 * <ul>
 *   <li>{@code clerk_overload_active{signal}} (0 or 1), {@code clerk_overload_episodes_total{signal}}:
 *       heap, heap_critical, event_loop_lag, connections</li>
 *   <li>{@code clerk_overload_shed_total{action}}: request_503, connection_refused, idle_connection_closed,
 *       cache_skipped</li>
 *   <li>{@code clerk_overload_heap_after_gc_ratio}, {@code clerk_overload_event_loop_lag_seconds}</li>
 *   <li>{@code clerk_http_connections}, {@code clerk_http_connections_max},
 *       {@code clerk_http_connections_closed_total{reason}}: evicted, all_busy, first_byte_timeout, drain_timeout</li>
 * </ul>
 */
public final class OverloadMetrics {
  private OverloadMetrics() {
  }

  public static void register(MeterRegistry registry, OverloadManager overload, ConnectionPressure connections) {
    for (OverloadSignal s : OverloadSignal.values()) {
      Gauge.builder("clerk.overload.active", overload, o -> o.active(s) ? 1 : 0).tag("signal", s.label())
        .description("1 while this overload signal is past its threshold").register(registry);
      FunctionCounter.builder("clerk.overload.episodes", overload, o -> o.episodes(s)).tag("signal", s.label())
        .description("Times this overload signal went past its threshold").register(registry);
    }
    for (ShedAction a : ShedAction.values()) {
      FunctionCounter.builder("clerk.overload.shed", overload, o -> o.shed(a)).tag("action", a.label())
        .description("Load shed by the overload manager").register(registry);
    }
    Gauge.builder("clerk.overload.heap.after.gc.ratio", overload, OverloadManager::heapShare)
      .description("Old-generation use after its last collection, as a share of its maximum").register(registry);
    Gauge.builder("clerk.overload.event.loop.lag.seconds", overload, OverloadManager::lagSeconds)
      .description("Worst event-loop lateness over the last window").register(registry);
    Gauge.builder("clerk.http.connections", connections, ConnectionPressure::open)
      .description("Open HTTP connections").register(registry);
    Gauge.builder("clerk.http.connections.max", connections, ConnectionPressure::max)
      .description("Most HTTP connections open at once (HTTP_MAX_CONNECTIONS)").register(registry);
    FunctionCounter.builder("clerk.http.connections.closed", connections, ConnectionPressure::evicted)
      .tag("reason", "evicted").description("Connections closed by the connection bound").register(registry);
    FunctionCounter.builder("clerk.http.connections.closed", connections, ConnectionPressure::refused)
      .tag("reason", "all_busy").description("Connections closed by the connection bound").register(registry);
    FunctionCounter.builder("clerk.http.connections.closed", connections, ConnectionPressure::firstByteTimeouts)
      .tag("reason", "first_byte_timeout").description("Connections closed by the connection bound").register(registry);
    FunctionCounter.builder("clerk.http.connections.closed", connections, ConnectionPressure::drainTimeouts)
      .tag("reason", "drain_timeout").description("Connections closed by the connection bound").register(registry);
    FunctionCounter.builder("clerk.http.connections.closed", connections, ConnectionPressure::refusedAtAccept)
      .tag("reason", "accept_bound").description("Connections closed by the connection bound").register(registry);
  }
}
