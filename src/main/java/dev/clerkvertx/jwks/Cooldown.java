package dev.clerkvertx.jwks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most one fetch caused by unknown {@code kid}s per period. Only those fetches start the period:
 * a periodic refresh a moment earlier does not stop a rotated-in key from being fetched.
 */
final class Cooldown {
  private final Clock clock;
  private final Duration period;
  private Instant last = Instant.MIN;

  Cooldown(Clock clock, Duration period) {
    this.clock = clock;
    this.period = period;
  }

  /** True, and starts a new period, when a fetch may go ahead now. */
  boolean tryAcquire() {
    Instant now = clock.instant();
    if (last != Instant.MIN && now.isBefore(last.plus(period))) {
      return false;
    }
    last = now;
    return true;
  }

  /** When the current period ends (the past when none runs). */
  Instant openAt() {
    return last == Instant.MIN ? Instant.MIN : last.plus(period);
  }
}
