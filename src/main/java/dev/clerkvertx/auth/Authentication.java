package dev.clerkvertx.auth;

import dev.clerkvertx.config.TokenRules;
import dev.clerkvertx.identity.IdentityDecoder;
import dev.clerkvertx.jwks.KeyChannel;
import dev.clerkvertx.jwks.KeySetClient;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;

/**
 * What authenticating requests takes, shared by every event loop: whose tokens, by which rules, the
 * channel to the key owner, and the process-wide session cache. Each event loop builds its own
 * verifier and edge from it (verification is never serialised across event loops).
 *
 * @param issuer          the one issuer whose tokens are accepted
 * @param keyFetchTimeout how long a request may wait for the key owner to fetch an unknown {@code kid}
 * @param identities      decodes verified claims, sharing organisations and lists between sessions
 * @param events          told of every authentication outcome
 * @param foreignIssuers  logs tokens of other issuers, within one bound for all event loops
 * @param cookies         how Clerk's session cookies are read (suffixed names, {@code __client_uat})
 * @param cookieOrigins   which origins may send cookie-authenticated requests with unsafe methods
 */
public record Authentication(String issuer, TokenRules rules, Duration keyFetchTimeout, Clock clock, KeyChannel keys,
                             IdentityDecoder identities, SessionCache sessions, AuthEvents events,
                             ForeignIssuerLog foreignIssuers, SessionCookies cookies,
                             CookieOriginPolicy cookieOrigins) {

  /** This event loop's verifier: its own key client and vertx-auth-jwt provider; start it before use. */
  public TokenVerifier verifier(Vertx vertx) {
    KeySetClient client = new KeySetClient(vertx, keys, clock, keyFetchTimeout);
    return new TokenVerifier(vertx, client, new ClaimsValidator(clock, issuer, rules, foreignIssuers), rules.clockSkew(), identities);
  }

  /** The authentication step of this event loop's protected routes. */
  public AuthEdge edge(TokenVerifier verifier) {
    return AuthEdge.create(verifier, sessions, events, new SessionTokenSource(cookies, cookieOrigins));
  }
}
