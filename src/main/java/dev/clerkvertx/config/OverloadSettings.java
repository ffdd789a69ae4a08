package dev.clerkvertx.config;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * Connection bounds and the overload manager's thresholds.
 *
 * @param maxConnections     open connections per process, or empty for {@code auto} (sized from the heap at start)
 * @param firstByteTimeout   how long a new connection may stay silent
 * @param heapPercent        old-generation use after a collection at which load is shed
 * @param eventLoopLag       how late an event loop may run before load is shed
 * @param connectionsPercent share of the connection maximum at which idle connections are closed
 */
public record OverloadSettings(OptionalInt maxConnections, Duration firstByteTimeout, int heapPercent,
                               Duration eventLoopLag, int connectionsPercent) {
}
