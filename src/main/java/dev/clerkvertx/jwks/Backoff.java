package dev.clerkvertx.jwks;

import java.time.Duration;

/** Retry delays after failed fetches: the first delay, doubling up to a cap; reset on success. */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration next;

  Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** The delay before the next attempt; each call doubles the one after, up to the cap. */
  Duration nextDelay() {
    Duration d = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return d;
  }

  void reset() {
    next = first;
  }
}
