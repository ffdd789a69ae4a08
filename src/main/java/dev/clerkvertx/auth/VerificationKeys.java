package dev.clerkvertx.auth;

import dev.clerkvertx.jwks.KeySet;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Duration;

/**
 * A key set and the vertx-auth-jwt provider built from it, owned by one verticle: the provider
 * synchronises on each key, so sharing one across event loops would serialise verification.
 */
public record VerificationKeys(KeySet keySet, JWTAuth provider) {

  /** An unsigned token: a provider that accepts it is in vertx-auth-jwt's "no keys" mode. */
  private static final String UNSIGNED = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4In0";

  /** Builds the provider; refuses, rather than installs, one that would accept unsigned tokens. */
  public static VerificationKeys build(Vertx vertx, KeySet keySet, Duration skew) {
    JWTAuth provider = JWTAuth.create(vertx, new JWTAuthOptions()
      .setJwks(keySet.keys())
      // time claims are checked by ClaimsValidator, with the numeric types validated first
      .setJWTOptions(new JWTOptions().setLeeway((int) skew.toSeconds()).setIgnoreExpiration(true)));
    boolean acceptsUnsigned;
    try {
      acceptsUnsigned = provider.authenticate(new TokenCredentials(UNSIGNED)).succeeded();
    } catch (RuntimeException e) {
      acceptsUnsigned = false;
    }
    if (acceptsUnsigned) {
      throw new IllegalStateException("refusing a verifier that accepts unsigned tokens");
    }
    return new VerificationKeys(keySet, provider);
  }
}
