package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.auth.VerifiedTokenCache;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.dev.DevIssuer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every HTTP verticle instance shares, built once at start-up: configuration, the clock,
 * resources read from the jar, the verified-token cache, the dev issuer (dev mode only, else null),
 * where authentication outcomes are reported, the
 * metrics registry, and the flag that turns readiness off while the process drains.
 */
public record Services(
  ServiceConfig config,
  Clock clock,
  String graphqlSchema,
  String graphiqlTemplate,
  VerifiedTokenCache tokenCache,
  DevIssuer devIssuer,
  AuthEvents authEvents,
  PrometheusMeterRegistry metrics,
  AtomicBoolean draining) {
}
