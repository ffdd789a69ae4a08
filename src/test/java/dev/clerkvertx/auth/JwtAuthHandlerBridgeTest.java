package dev.clerkvertx.auth;

import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.jwks.RsaJwk;
import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the Vert.x internals the auth edge relies on, through {@link JwtAuthHandlerBridge} on a real
 * router over a real socket: JWTAuthHandler run for its result (it neither answers nor moves on by
 * itself), reading the Authorization header as rewritten for a cookie's token, and the user set
 * through {@code UserContextInternal}. A Vert.x upgrade that changes any of them fails here.
 */
@ExtendWith(VertxExtension.class)
class JwtAuthHandlerBridgeTest {
  Vertx vertx;
  WebClient client;
  int port;
  VerificationKeys keys;
  String token;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    keys = VerificationKeys.build(vertx, KeySet.of(List.of(RsaJwk.of((RSAPublicKey) TestKeys.RSA_A.getPublic(), "k")),
      KeySet.KidMatch.BY_KID, 1, Instant.EPOCH), Duration.ofSeconds(5));
    token = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("k"), Claims.valid(MutableClock.atNow(), "https://issuer"));
    Router router = Router.router(vertx);
    router.get("/bridge").handler(ctx -> {
      String cookie = ctx.request().getCookie("__session") == null ? null : ctx.request().getCookie("__session").getValue();
      PresentedToken presented = cookie != null ? new PresentedToken(cookie, false)
        : new SessionTokenSource(SessionCookies.plain(), new CookieOriginPolicy(List.of(), List.of())).find(ctx.request());
      JwtAuthHandlerBridge.authenticate(keys.handler(), ctx, presented).onComplete(ar -> {
        if (ctx.response().ended()) {
          return;
        }
        if (ar.succeeded()) {
          JwtAuthHandlerBridge.setUser(ctx, User.create(new JsonObject(Map.of("sub", ar.result().principal().getString("sub")))));
          ctx.next();
        } else {
          ctx.response().setStatusCode(299).end("failed:" + ar.cause().getClass().getSimpleName());
        }
      });
    }).handler(ctx -> ctx.response().end("user:" + ctx.user().subject()));
    port = Service.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    client = WebClient.create(vertx);
  }

  String call(String header, String cookie) {
    var req = client.get(port, "127.0.0.1", "/bridge");
    if (header != null) {
      req.putHeader("Authorization", header);
    }
    if (cookie != null) {
      req.putHeader("Cookie", "__session=" + cookie);
    }
    return Service.await(req.send()).bodyAsString();
  }

  @Test
  void verifiesTheBearerHeaderAndSetsTheUserForTheNextHandler() {
    assertThat(call("Bearer " + token, null)).isEqualTo("user:user_2xyz");
  }

  @Test
  void verifiesACookieTokenHandedOverAsTheCanonicalHeader() {
    assertThat(call(null, token)).isEqualTo("user:user_2xyz");
  }

  @Test
  void aBadSignatureIsAFailedResultAndJwtAuthHandlerAnswersNothingItself() {
    String forged = Tokens.rs256(TestKeys.RSA_B.getPrivate(), Claims.header("k"), Claims.valid(MutableClock.atNow(), "x"));
    assertThat(call("Bearer " + forged, null)).startsWith("failed:");
  }
}
