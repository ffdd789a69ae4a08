package dev.clerkvertx.http;

import dev.clerkvertx.ops.BodyStats;
import dev.clerkvertx.ops.FailureLog;
import dev.clerkvertx.ops.OverloadManager;

import java.time.Duration;

/**
 * What bounds the public listener, shared by every event loop: the process's connection table and
 * first-byte deadline, the overload manager, the bodies in flight, and the log lines of unexpected
 * failures (a few a minute, then only counted).
 *
 * @param largestBodyBytes the largest body limit of any route; an event loop holds at most
 *                         {@link Routes#BODIES_PER_EVENT_LOOP} times it
 */
public record ListenerBounds(ConnectionTable connections, Duration firstByteTimeout, OverloadManager overload,
                             int largestBodyBytes, BodyStats bodyStats, FailureLog failures) {
}
