package dev.clerkvertx.jwks;

import dev.clerkvertx.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Backoff and cooldown, driven by an injected clock. */
class TimingPoliciesTest {
  @Test
  void backoffStartsAtOneSecondAndDoublesToThirty() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    long[] seconds = new long[8];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = b.nextDelay().toSeconds();
    }
    assertThat(seconds).containsExactly(1, 2, 4, 8, 16, 30, 30, 30);
    b.reset();
    assertThat(b.nextDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void cooldownAllowsOneFetchPerPeriod() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Cooldown c = new Cooldown(clock, Duration.ofSeconds(30));
    assertThat(c.tryAcquire()).isTrue();
    assertThat(c.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(29));
    assertThat(c.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(c.tryAcquire()).isTrue();
    assertThat(c.openAt()).isEqualTo(clock.instant().plusSeconds(30));
  }
}
