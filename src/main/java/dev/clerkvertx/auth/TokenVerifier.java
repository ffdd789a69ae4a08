package dev.clerkvertx.auth;

import dev.clerkvertx.identity.IdentityDecoder;
import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.jwks.KeySetClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The full verification of a token not found in the cache, on one verticle's event loop: structure
 * and header rules ({@link TokenParser}), time claims (cheap, and the usual reason a browser's token
 * is refused), the signature by vertx-auth-jwt through {@code JWTAuthHandler} with this verticle's
 * keys (asking the key owner once about an unknown {@code kid}), then issuer, subject, session class,
 * azp and status; the caller's identity is decoded once, here. Fails with {@link TokenRejectedException} (401) or {@link KeysUnavailableException} (503).
 */
public final class TokenVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);

  private final Vertx vertx;
  private final KeySetClient keys;
  private final ClaimsValidator claims;
  private final Duration skew;
  private final IdentityDecoder identities;
  private VerificationKeys verifier;

  public TokenVerifier(Vertx vertx, KeySetClient keys, ClaimsValidator claims, Duration skew, IdentityDecoder identities) {
    this.vertx = vertx;
    this.keys = keys;
    this.claims = claims;
    this.skew = skew;
    this.identities = identities;
  }

  /** Subscribes to the key owner; completes whether or not keys are loaded yet. */
  public Future<Void> start() {
    return keys.start(this::install);
  }

  /** The key set this verticle verifies with now, or null before the first one. */
  public KeySet keySet() {
    VerificationKeys v = verifier;
    return v == null ? null : v.keySet();
  }

  /** Verifies the presented token; the session it yields has passed every rule. */
  public Future<VerifiedSession> verify(RoutingContext ctx, PresentedToken presented) {
    try {
      VerificationKeys v = verifier;
      if (v == null) {
        throw new KeysUnavailableException();
      }
      ParsedToken parsed = TokenParser.parse(presented.token());
      if (parsed.kid() == null && !v.keySet().acceptsMissingKid()) {
        throw new TokenRejectedException(TokenRejection.MISSING_KID);
      }
      claims.checkTimes(parsed.payload());
      if (v.keySet().has(parsed.kid())) {
        return signed(v, ctx, presented, parsed);
      }
      return keys.lookup(parsed.kid()).compose(set -> {
        VerificationKeys now = verifier;
        if (now == null || !now.keySet().has(parsed.kid())) {
          return Future.failedFuture(new TokenRejectedException(TokenRejection.UNKNOWN_KID));
        }
        return signed(now, ctx, presented, parsed);
      });
    } catch (TokenRejectedException | KeysUnavailableException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<VerifiedSession> signed(VerificationKeys v, RoutingContext ctx, PresentedToken presented,
                                         ParsedToken parsed) {
    Future<?> signature;
    try {
      signature = JwtAuthHandlerBridge.authenticate(v.handler(), ctx, presented);
    } catch (RuntimeException e) {
      signature = Future.failedFuture(e);
    }
    return signature
      .recover(err -> Future.failedFuture(new TokenRejectedException(TokenRejection.BAD_SIGNATURE)))
      .compose(verified -> {
        try {
          JsonObject payload = parsed.payload();
          claims.checkIdentity(payload);
          return Future.succeededFuture(new VerifiedSession(v.keySet().kidInstance(parsed.kid()),
            claims.acceptedFromMillis(payload), claims.acceptedUntilMillis(payload), identities.decode(payload)));
        } catch (TokenRejectedException e) {
          return Future.failedFuture(e);
        }
      });
  }

  private void install(KeySet set) {
    VerificationKeys previous = verifier;
    if (previous != null && previous.keySet().sameKeysAs(set)) {
      verifier = previous.renewed(set);
      return;
    }
    try {
      verifier = VerificationKeys.build(vertx, set, skew);
    } catch (RuntimeException e) {
      LOG.error("Key set generation {} not installed: {}", set.generation(), e.getMessage());
    }
  }
}
