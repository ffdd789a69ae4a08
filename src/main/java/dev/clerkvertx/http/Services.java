package dev.clerkvertx.http;

import dev.clerkvertx.auth.TokenRejection;
import dev.clerkvertx.auth.VerifiedTokenCache;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.dev.DevIssuer;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * What every HTTP verticle instance shares, built once at start-up: configuration, the clock,
 * resources read from the jar, the verified-token cache, the dev issuer (dev mode only, else null),
 * and where rejections are reported.
 */
public record Services(
  ServiceConfig config,
  Clock clock,
  String graphqlSchema,
  String graphiqlTemplate,
  VerifiedTokenCache tokenCache,
  DevIssuer devIssuer,
  Consumer<TokenRejection> rejections) {
}
