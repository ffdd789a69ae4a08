package dev.clerkvertx.jwks;

import dev.clerkvertx.config.Setting;

import java.time.Clock;
import java.time.Duration;

/**
 * Composes a {@link RemoteKeySource}: the JWKS URL, the refresh period, one fetch's timeout, the
 * unknown-kid cooldown, the clock and the statistics, in one place; {@link #build} refuses the
 * combinations that cannot work, as Nimbus' {@code JWKSourceBuilder} does.
 */
public final class RemoteKeySourceBuilder {
  private final String url;
  private Duration refresh = defaultOf(Setting.CLERK_JWKS_REFRESH_SECONDS);
  private Duration timeout = defaultOf(Setting.CLERK_JWKS_TIMEOUT_SECONDS);
  private Duration cooldown = defaultOf(Setting.CLERK_JWKS_COOLDOWN_SECONDS);
  private Clock clock = Clock.systemUTC();
  private KeyStats stats = new KeyStats();

  RemoteKeySourceBuilder(String url) {
    this.url = url;
  }

  public RemoteKeySourceBuilder refresh(Duration d) {
    this.refresh = d;
    return this;
  }

  public RemoteKeySourceBuilder timeout(Duration d) {
    this.timeout = d;
    return this;
  }

  public RemoteKeySourceBuilder cooldown(Duration d) {
    this.cooldown = d;
    return this;
  }

  public RemoteKeySourceBuilder clock(Clock c) {
    this.clock = c;
    return this;
  }

  public RemoteKeySourceBuilder stats(KeyStats s) {
    this.stats = s;
    return this;
  }

  /** The settings table's default: a timing left unset is what an unconfigured service uses. */
  private static Duration defaultOf(Setting seconds) {
    return Duration.ofSeconds(Long.parseLong(seconds.defaultValue()));
  }

  public RemoteKeySource build() {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("a remote key source needs a JWKS URL");
    }
    if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(refresh) >= 0) {
      throw new IllegalArgumentException("the fetch timeout must be at least 100 ms and shorter than the refresh period");
    }
    if (cooldown.compareTo(Duration.ofSeconds(1)) < 0 || cooldown.compareTo(refresh) > 0) {
      throw new IllegalArgumentException("the unknown-kid cooldown must be at least 1 s and at most the refresh period");
    }
    return new RemoteKeySource(url, timeout, refresh, cooldown, clock, stats);
  }
}
