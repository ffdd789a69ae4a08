package dev.clerkvertx.http;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.auth.SessionCache;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.dev.DevMode;
import dev.clerkvertx.graphql.GraphQLEvents;
import dev.clerkvertx.identity.IdentityDecoder;
import dev.clerkvertx.jwks.KeyChannel;
import graphql.schema.GraphQLSchema;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every HTTP verticle instance shares, built once at start-up.
 *
 * @param issuer    the one issuer whose tokens are accepted
 * @param host      the address to listen on
 * @param keys      the channel to the key owner
 * @param identities decodes verified claims, sharing organisations and lists between sessions
 * @param keyMaxAge how long a fetched key set may go unconfirmed before readiness fails; empty for fixed keys
 * @param draining  turns readiness off while the process drains
 * @param dev       dev mode's routes and GraphiQL token, when it runs
 */
public record Services(
  ServiceConfig config,
  String issuer,
  String host,
  Clock clock,
  KeyChannel keys,
  Optional<Duration> keyMaxAge,
  SessionCache sessions,
  IdentityDecoder identities,
  AuthEvents authEvents,
  GraphQLEvents graphqlEvents,
  PrometheusMeterRegistry registry,
  AtomicBoolean draining,
  GraphQLSchema graphqlSchema,
  String graphiqlTemplate,
  Optional<DevMode> dev) {
}
