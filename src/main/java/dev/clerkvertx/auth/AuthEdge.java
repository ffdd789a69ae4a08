package dev.clerkvertx.auth;

import dev.clerkvertx.identity.ClerkIdentity;
import dev.clerkvertx.identity.ClerkUser;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;

/**
 * The one authentication step of every protected route: finds the session token, answers it from
 * the verified-session cache or has it verified, and then either admits the request (the caller's
 * {@link ClerkIdentity} as {@code ctx.user()}, {@code Cache-Control: no-store} on the answer) or
 * answers it: 401 with an RFC 6750 challenge, 403 for Clerk's cookie on a request from another site
 * ({@link CookieOriginPolicy}), or 503 with {@code Retry-After} when no key is loaded. A cookie token
 * issued before the {@code __client_uat} sent with it is stale, and refused like Clerk's SDK does.
 * Every outcome is counted here and nowhere else. One instance per event loop.
 */
public final class AuthEdge implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(AuthEdge.class);
  static final String RETRY_AFTER_SECONDS = "5";
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence WWW_AUTHENTICATE = HttpHeaders.createOptimized("WWW-Authenticate");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  private static final Map<TokenRejection, CharSequence> CHALLENGES = new EnumMap<>(TokenRejection.class);

  static {
    for (TokenRejection r : TokenRejection.values()) {
      String challenge = "Bearer realm=\"" + VerificationKeys.REALM + "\"";
      if (r.description() != null) {
        challenge += ", error=\"invalid_token\", error_description=\"" + r.description() + "\"";
      }
      CHALLENGES.put(r, HttpHeaders.createOptimized(challenge));
    }
  }

  private final TokenVerifier verifier;
  private final SessionCache cache;
  private final AuthEvents events;
  private final SessionTokenSource source;
  private final TokenDigest.Hasher hasher = new TokenDigest.Hasher();
  private final Buffer unauthorized;
  private final Buffer unavailable;
  private final Map<TokenRejection, Buffer> forbidden = new EnumMap<>(TokenRejection.class);

  private AuthEdge(TokenVerifier verifier, SessionCache cache, AuthEvents events, SessionTokenSource source,
                   boolean graphQLErrors) {
    this.verifier = verifier;
    this.cache = cache;
    this.events = events;
    this.source = source;
    this.unauthorized = body(401, graphQLErrors ? "UNAUTHENTICATED" : null).toBuffer();
    this.unavailable = body(503, graphQLErrors ? "SERVICE_UNAVAILABLE" : null).toBuffer();
    for (TokenRejection r : TokenRejection.values()) {
      if (r.status() == 403) {
        forbidden.put(r, body(403, graphQLErrors ? "FORBIDDEN" : null).put("reason", r.code()).toBuffer());
      }
    }
  }

  /** The edge of REST routes: failure bodies {@code {"message","statusCode"}}. */
  public static AuthEdge create(TokenVerifier verifier, SessionCache cache, AuthEvents events, SessionTokenSource source) {
    return new AuthEdge(verifier, cache, events, source, false);
  }

  /** The same edge for GraphQL: failure bodies also carry Apollo-style {@code errors} with a code. */
  public AuthEdge withGraphQLErrors() {
    return new AuthEdge(verifier, cache, events, source, true);
  }

  @Override
  public void handle(RoutingContext ctx) {
    PresentedToken presented;
    try {
      presented = source.find(ctx.request());
    } catch (TokenRejectedException e) {
      refuse(ctx, e);
      return;
    }
    TokenDigest digest = cache.enabled() ? hasher.of(presented.token()) : null;
    VerifiedSession hit = cache.get(digest, verifier.keySet());
    if (hit != null) {
      admit(ctx, presented, hit, true);
      return;
    }
    // verification may wait for a key fetch: a body arriving meanwhile is held, not dropped before its reader
    boolean paused = !ctx.request().isEnded();
    if (paused) {
      ctx.request().pause();
    }
    verifier.verify(ctx, presented).onComplete(ar -> {
      if (paused) {
        // delivery resumes on a later turn of the event loop, after the body's reader is set
        ctx.request().resume();
      }
      if (ar.succeeded()) {
        if (digest != null) {
          cache.put(digest, ar.result());
        }
        admit(ctx, presented, ar.result(), false);
      } else {
        refuse(ctx, ar.cause());
      }
    });
  }

  private void admit(RoutingContext ctx, PresentedToken presented, VerifiedSession session, boolean cached) {
    ClerkIdentity identity = session.identity();
    if (presented.fromCookie() && issuedBefore(identity, presented.clientUat())) {
      // Clerk's SDK: the client signed in or out after this token was issued (stricter: no iat is stale too)
      refuse(ctx, new TokenRejectedException(TokenRejection.STALE_SESSION_COOKIE));
      return;
    }
    // an answer to an authenticated request is the caller's own, and may have ridden on the cookie
    ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, NO_STORE);
    JwtAuthHandlerBridge.setUser(ctx, new ClerkUser(identity));
    events.accepted(cached);
    ctx.next();
  }

  private void refuse(RoutingContext ctx, Throwable failure) {
    HttpServerResponse response = ctx.response();
    if (failure instanceof KeysUnavailableException) {
      LOG.debug("authentication impossible: no verification keys loaded");
      events.unavailable();
      response.headers().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      answer(response, 503, unavailable);
      return;
    }
    TokenRejection reason;
    if (failure instanceof TokenRejectedException rejected) {
      reason = rejected.reason();
    } else {
      // nothing else is expected here; a token must never turn into a 500
      LOG.warn("authentication failed unexpectedly ({}); answered as a malformed token", failure.getClass().getName());
      reason = TokenRejection.MALFORMED;
    }
    LOG.debug("authentication failed: {}", reason.code());
    events.rejected(reason);
    if (reason.status() == 403) {
      answer(response, 403, forbidden.get(reason));
      return;
    }
    response.headers().set(WWW_AUTHENTICATE, CHALLENGES.get(reason));
    answer(response, 401, unauthorized);
  }

  private static boolean issuedBefore(ClerkIdentity identity, long clientUat) {
    Long iat = identity.issuedAt();
    return iat == null || iat < clientUat;
  }

  private static void answer(HttpServerResponse response, int status, Buffer body) {
    if (!response.headWritten()) {
      response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body);
    }
  }

  private static JsonObject body(int status, String graphQLCode) {
    String message = HttpResponseStatus.valueOf(status).reasonPhrase();
    JsonObject body = new JsonObject().put("message", message).put("statusCode", status);
    if (graphQLCode != null) {
      body.put("errors", new JsonArray().add(new JsonObject().put("message", message)
        .put("extensions", new JsonObject().put("code", graphQLCode))));
    }
    return body;
  }
}
