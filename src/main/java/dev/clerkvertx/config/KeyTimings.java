package dev.clerkvertx.config;

import java.time.Duration;

/** The three timings of remote keys: periodic refresh, one fetch's timeout, cooldown between unknown-kid fetches. */
public record KeyTimings(Duration refresh, Duration timeout, Duration cooldown) {
}
