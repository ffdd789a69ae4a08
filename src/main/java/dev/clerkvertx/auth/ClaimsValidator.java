package dev.clerkvertx.auth;

import dev.clerkvertx.config.TokenRules;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Set;

/**
 * The claim rules of a Clerk session token. Time rules ({@code exp} required, {@code nbf} and
 * {@code iat} not in the future, each with the skew) are separate from the identity rules
 * ({@code iss}, {@code sub}, {@code azp}, {@code sts}); the window they give
 * ({@link #acceptedFromMillis}, {@link #acceptedUntilMillis}) is what a cached session is re-checked against.
 */
public final class ClaimsValidator {
  private final Clock clock;
  private final long skewMillis;
  private final String issuer;
  private final Set<String> authorizedParties;
  private final boolean acceptPending;
  private final ForeignIssuerLog foreignIssuers;

  public ClaimsValidator(Clock clock, String issuer, TokenRules rules, ForeignIssuerLog foreignIssuers) {
    this.clock = clock;
    this.foreignIssuers = foreignIssuers;
    this.skewMillis = rules.clockSkew().toMillis();
    this.issuer = issuer;
    this.authorizedParties = Set.copyOf(rules.authorizedParties());
    this.acceptPending = rules.acceptPendingSessions();
  }

  /** Checks {@code exp}, {@code nbf}, {@code iat} against the clock with the skew. */
  public void checkTimes(JsonObject claims) {
    Object exp = claims.getValue("exp");
    if (exp == null) {
      throw new TokenRejectedException(TokenRejection.MISSING_EXP);
    }
    long now = clock.millis();
    // expired once now - skew has reached exp, as jose and Clerk's SDKs count it
    if (now - skewMillis >= millis(exp)) {
      throw new TokenRejectedException(TokenRejection.EXPIRED);
    }
    Object nbf = claims.getValue("nbf");
    if (nbf != null && millis(nbf) > now + skewMillis) {
      throw new TokenRejectedException(TokenRejection.NOT_YET_VALID);
    }
    Object iat = claims.getValue("iat");
    if (iat != null && millis(iat) > now + skewMillis) {
      throw new TokenRejectedException(TokenRejection.ISSUED_IN_FUTURE);
    }
  }

  /**
   * Checks issuer, subject, that the token is a session token (a machine's {@code mch_} subject or
   * no {@code sid} marks another class of Clerk token), authorized party and session status.
   */
  public void checkIdentity(JsonObject claims) {
    if (!issuer.equals(claims.getValue("iss"))) {
      foreignIssuers.refused(claims.getValue("iss"));
      throw new TokenRejectedException(TokenRejection.ISSUER_MISMATCH);
    }
    if (!(claims.getValue("sub") instanceof String sub) || sub.isEmpty()) {
      throw new TokenRejectedException(TokenRejection.MISSING_SUBJECT);
    }
    if (sub.startsWith("mch_")) {
      throw new TokenRejectedException(TokenRejection.MACHINE_TOKEN);
    }
    if (!(claims.getValue("sid") instanceof String sid) || sid.isEmpty()) {
      throw new TokenRejectedException(TokenRejection.MISSING_SESSION_ID);
    }
    if (!authorizedParties.isEmpty()) {
      Object azp = claims.getValue("azp");
      if (!(azp instanceof String) || !authorizedParties.contains(azp)) {
        throw new TokenRejectedException(TokenRejection.AZP_NOT_ALLOWED);
      }
    }
    if (!acceptPending && "pending".equals(claims.getValue("sts"))) {
      throw new TokenRejectedException(TokenRejection.SESSION_PENDING);
    }
  }

  /** The instant (epoch ms) from which the token is accepted: its {@code nbf} and {@code iat} less the skew. */
  public long acceptedFromMillis(JsonObject claims) {
    long from = Long.MIN_VALUE;
    for (String claim : new String[]{"nbf", "iat"}) {
      Object v = claims.getValue(claim);
      if (v != null) {
        from = Math.max(from, millis(v) - skewMillis);
      }
    }
    return from;
  }

  /** The instant (epoch ms) from which the token is no longer accepted, skew included. */
  public long acceptedUntilMillis(JsonObject claims) {
    return millis(claims.getValue("exp")) + skewMillis;
  }

  private static long millis(Object numericDate) {
    if (!(numericDate instanceof Number n)) {
      throw new TokenRejectedException(TokenRejection.INVALID_CLAIM);
    }
    double seconds = n.doubleValue();
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      throw new TokenRejectedException(TokenRejection.INVALID_CLAIM);
    }
    // saturate: a year-292-million date must not overflow into the past
    return seconds >= Long.MAX_VALUE / 1000.0 ? Long.MAX_VALUE / 2 : (long) (seconds * 1000);
  }
}
