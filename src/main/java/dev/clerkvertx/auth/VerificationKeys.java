package dev.clerkvertx.auth;

import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.jwks.RsaJwk;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.handler.JWTAuthHandler;

import java.time.Duration;

/**
 * A key set turned into a verifier: the vertx-auth-jwt provider loaded with its keys, and the
 * {@link JWTAuthHandler} over that provider. Owned by one verticle: the provider synchronises on
 * each key, so sharing one across event loops would serialise verification.
 */
public record VerificationKeys(KeySet keySet, JWTAuthHandler handler) {
  /** The realm of every {@code WWW-Authenticate} challenge. */
  public static final String REALM = "clerk";

  /** An unsigned token: a provider that accepts it is in vertx-auth-jwt's "no keys" mode. */
  private static final String UNSIGNED = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4In0";

  /** Builds the verifier; refuses, rather than installs, one that would accept unsigned tokens. */
  public static VerificationKeys build(Vertx vertx, KeySet keySet, Duration skew) {
    JWTAuth provider = JWTAuth.create(vertx, new JWTAuthOptions()
      .setJwks(keySet.keys().stream().map(RsaJwk::toJson).toList())
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
    return new VerificationKeys(keySet, JWTAuthHandler.create(provider, REALM));
  }

  /** The same verifier for a newer set with the same keys: nothing is rebuilt. */
  VerificationKeys renewed(KeySet newer) {
    return new VerificationKeys(newer, handler);
  }
}
