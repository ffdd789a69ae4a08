package dev.clerkvertx.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the request-body budgets of all event loops hold and refuse, as Prometheus series:
 * {@code clerk_http_body_bytes} (body bytes held now) and {@code clerk_http_body_refused_total{reason}}.
 * Updated on event loops, read from any thread.
 */
public final class BodyStats {
  /** Why a request body was refused; {@link #label()} is stable. */
  public enum Refusal {
    /** the event loop's body budget was spent */
    BUDGET("budget"),
    /** the caller's share of it was spent */
    USER_SHARE("user_share"),
    /** no byte of the body arrived in time */
    START_TIMEOUT("start_timeout"),
    /** the budget was full and another caller's body needed room: an unfinished body of the caller holding most gave way */
    PREEMPTED("preempted");

    private final String label;

    Refusal(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final LongAdder held = new LongAdder();
  private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

  public BodyStats(MeterRegistry registry) {
    Gauge.builder("clerk.http.body.bytes", held, LongAdder::sum)
      .description("Request body bytes held by the body budgets of all event loops").register(registry);
    for (Refusal r : Refusal.values()) {
      refused.put(r, Counter.builder("clerk.http.body.refused").tag("reason", r.label())
        .description("Request bodies refused by the body budget").register(registry));
    }
  }

  /** Bytes taken ({@code delta > 0}) or given back. */
  public void held(long delta) {
    held.add(delta);
  }

  public long held() {
    return held.sum();
  }

  public void refused(Refusal reason) {
    refused.get(reason).increment();
  }
}
