package dev.clerkvertx.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;

import java.time.Clock;
import java.time.Duration;

/**
 * The Prometheus text of the registry, rendered at most once per {@link #PERIOD} whatever the scrape
 * rate: a render costs milliseconds of CPU (every series of the process), an answer from here costs
 * a buffer write. A scrape therefore shows values up to a second old.
 */
public final class ScrapeCache {
  public static final Duration PERIOD = Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  private Buffer text;
  private long renderedAt;
  private long renders;

  public ScrapeCache(PrometheusMeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** The text as last rendered, rendered again first when it is {@link #PERIOD} old (or the clock went back). */
  public synchronized Buffer text() {
    long now = clock.millis();
    if (text == null || now - renderedAt >= PERIOD.toMillis() || now < renderedAt) {
      text = Buffer.buffer(registry.scrape());
      renderedAt = now;
      renders++;
    }
    return text;
  }

  /** How many times the text was rendered. */
  public synchronized long renders() {
    return renders;
  }
}
