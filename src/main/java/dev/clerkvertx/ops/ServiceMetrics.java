package dev.clerkvertx.ops;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.auth.SessionCache;
import dev.clerkvertx.auth.TokenRejection;
import dev.clerkvertx.graphql.DocumentRefusal;
import dev.clerkvertx.graphql.GraphQLEvents;
import dev.clerkvertx.jwks.JwksFailure;
import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.jwks.KeyStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The service's own Prometheus series, beside Vert.x's HTTP metrics. Every label value comes from a
 * fixed set (outcome codes, failure codes): no token, user id or raw path ever becomes a label.
 * <ul>
 *   <li>{@code clerk_auth_total{outcome}}: accepted, missing, expired, not_yet_valid, bad_signature,
 *       unknown_kid, issuer, azp, pending, not_session, malformed, unavailable</li>
 *   <li>{@code clerk_graphql_refused_total{reason}}: a {@link DocumentRefusal} label</li>
 *   <li>{@code clerk_jwks_fetches_total{result}}: success or a {@link JwksFailure} code</li>
 *   <li>{@code clerk_jwks_keys}, {@code clerk_jwks_age_seconds}</li>
 *   <li>{@code clerk_token_cache_hits_total}, {@code clerk_token_cache_misses_total}, {@code clerk_token_cache_full_total},
 *       {@code clerk_token_cache_size}, {@code clerk_token_cache_bytes}</li>
 * </ul>
 */
public final class ServiceMetrics implements AuthEvents, GraphQLEvents {
  private final Counter accepted;
  private final Counter unavailable;
  private final Map<TokenRejection, Counter> rejected = new EnumMap<>(TokenRejection.class);
  private final Map<DocumentRefusal, Counter> refused = new EnumMap<>(DocumentRefusal.class);

  public ServiceMetrics(MeterRegistry registry, KeyStats keys, SessionCache cache, Clock clock) {
    accepted = outcome(registry, "accepted");
    unavailable = outcome(registry, "unavailable");
    for (TokenRejection r : TokenRejection.values()) {
      rejected.put(r, outcome(registry, r.metricLabel()));
    }
    for (DocumentRefusal r : DocumentRefusal.values()) {
      refused.put(r, Counter.builder("clerk.graphql.refused").tag("reason", r.label())
        .description("GraphQL documents refused by a limit").register(registry));
    }
    FunctionCounter.builder("clerk.jwks.fetches", keys, KeyStats::successes).tag("result", "success")
      .description("JWKS fetches by result").register(registry);
    for (JwksFailure f : JwksFailure.values()) {
      FunctionCounter.builder("clerk.jwks.fetches", keys, k -> k.failures(f)).tag("result", f.code())
        .description("JWKS fetches by result").register(registry);
    }
    Gauge.builder("clerk.jwks.keys", keys, k -> k.keySet() == null ? 0 : k.keySet().keys().size())
      .description("Verification keys in use").register(registry);
    Gauge.builder("clerk.jwks.age.seconds", keys, k -> {
      KeySet set = k.keySet();
      return set == null ? Double.NaN : (clock.millis() - set.loadedAt().toEpochMilli()) / 1000.0;
    }).description("Time since the key set in use was last confirmed by a fetch").register(registry);
    FunctionCounter.builder("clerk.token.cache.hits", cache, SessionCache::hits)
      .description("Requests answered from the verified-token cache").register(registry);
    FunctionCounter.builder("clerk.token.cache.misses", cache, SessionCache::misses)
      .description("Requests that needed a signature verification").register(registry);
    Gauge.builder("clerk.token.cache.size", cache, SessionCache::size)
      .description("Verified sessions held").register(registry);
    Gauge.builder("clerk.token.cache.bytes", cache, SessionCache::bytes)
      .description("Estimated heap bytes of the verified sessions held and of the values they share").register(registry);
    FunctionCounter.builder("clerk.token.cache.full", cache, SessionCache::full)
      .description("Verified sessions not kept because the cache's memory bound was reached").register(registry);
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("clerk.auth").tag("outcome", outcome)
      .description("Authentication outcomes by reason").register(registry);
  }

  @Override
  public void accepted(boolean cached) {
    accepted.increment();
  }

  @Override
  public void rejected(TokenRejection reason) {
    rejected.get(reason).increment();
  }

  @Override
  public void unavailable() {
    unavailable.increment();
  }

  @Override
  public void refused(DocumentRefusal reason) {
    refused.get(reason).increment();
  }
}
