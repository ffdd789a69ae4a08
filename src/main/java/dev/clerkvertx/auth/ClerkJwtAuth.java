package dev.clerkvertx.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;


/**
 * The authentication provider behind {@code JWTAuthHandler}: Clerk's token rules on top of
 * vertx-auth-jwt, and the verified-token cache in front of it ({@link #cachedUser}). Structure and header rules first ({@link TokenParser}), then time claims (cheap,
 * and the usual reason browsers send a bad token), then the signature with the verticle's current
 * keys (refreshing once for an unknown {@code kid}), then issuer, subject, azp and session status.
 * Fails with {@link TokenRejectedException} (401) or {@link KeysUnavailableException} (503) only.
 */
public final class ClerkJwtAuth implements JWTAuth {
  private final KeyRing keyRing;
  private final ClaimsValidator claims;
  private final VerifiedTokenCache cache;
  private final AuthEvents events;

  public ClerkJwtAuth(KeyRing keyRing, ClaimsValidator claims, VerifiedTokenCache cache, AuthEvents events) {
    this.keyRing = keyRing;
    this.claims = claims;
    this.cache = cache;
    this.events = events;
  }

  /**
   * The user for a token this process verified before, when its key is still in the set and the
   * time rules still hold (precomputed as a window, so a hit is exactly as strict as a miss);
   * otherwise null, and the request goes through {@link #authenticate} for the full verification
   * and the precise rejection reason.
   */
  public User cachedUser(String token) {
    VerificationKeys keys = keyRing.current();
    if (keys == null) {
      return null;
    }
    VerifiedTokenCache.Entry hit = cache.get(token, keys.keySet());
    if (hit == null || !claims.isCurrent(hit.acceptedFromMillis(), hit.acceptedUntilMillis())) {
      return null;
    }
    events.accepted(true);
    return hit.user();
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    try {
      if (!(credentials instanceof TokenCredentials tc)) {
        throw new TokenRejectedException(TokenRejection.MISSING_TOKEN);
      }
      String token = tc.getToken();
      VerificationKeys keys = keyRing.current();
      if (keys == null) {
        throw new KeysUnavailableException();
      }
      ParsedToken parsed = TokenParser.parse(token);
      if (parsed.kid() == null && !keys.keySet().anyKid()) {
        throw new TokenRejectedException(TokenRejection.MISSING_KID);
      }
      claims.checkTimes(parsed.payload());
      if (keys.keySet().has(parsed.kid())) {
        return verify(keys, parsed);
      }
      return keyRing.refreshFor(parsed.kid()).compose(refreshed -> {
        if (refreshed == null || !refreshed.keySet().has(parsed.kid())) {
          return Future.failedFuture(new TokenRejectedException(TokenRejection.UNKNOWN_KID));
        }
        return verify(refreshed, parsed);
      });
    } catch (TokenRejectedException | KeysUnavailableException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<User> verify(VerificationKeys keys, ParsedToken parsed) {
    Future<User> signed;
    try {
      signed = keys.provider().authenticate(new TokenCredentials(parsed.raw()));
    } catch (RuntimeException e) {
      return Future.failedFuture(new TokenRejectedException(TokenRejection.BAD_SIGNATURE));
    }
    return signed
      .recover(err -> Future.failedFuture(new TokenRejectedException(TokenRejection.BAD_SIGNATURE)))
      .compose(signedUser -> {
        try {
          JsonObject payload = parsed.payload();
          claims.checkIdentity(payload);
          // principal and accessToken are the one verified claims object: JWTAuthHandler, /me and
          // the GraphQL fetchers read user.get("accessToken"); nothing writes to it
          User user = User.create(payload, new JsonObject().put("accessToken", payload));
          cache.put(parsed.raw(), parsed.kid(), user, claims.acceptedFromMillis(payload),
            claims.acceptedUntilMillis(payload));
          events.accepted(false);
          return Future.succeededFuture(user);
        } catch (TokenRejectedException e) {
          return Future.failedFuture(e);
        }
      });
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    throw new IllegalStateException("clerk-vertx verifies tokens; it never issues them");
  }

  @Override
  public String generateToken(JsonObject claims) {
    throw new IllegalStateException("clerk-vertx verifies tokens; it never issues them");
  }
}
