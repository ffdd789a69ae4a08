package dev.clerkvertx.auth;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clerk's session cookies read as {@code authenticateRequest} of {@code @clerk/backend} reads them,
 * over the real socket: {@code __client_uat} absent or 0 signs nobody in, a token issued before it is
 * stale, and with the publishable key known the suffixed pair is read first, by the SDK's rules.
 */
@ExtendWith(VertxExtension.class)
class ClerkCookieRulesTest {
  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "ins_cookie");
    service = world.service();
  }

  long now() {
    return world.clock.epochSecond();
  }

  String token(String user, long iat) {
    return world.token(world.claims().put("sub", user).put("iat", iat));
  }

  HttpResponse<Buffer> me(Service s, String cookies) {
    return s.send(s.client.get("/me").putHeader("Cookie", cookies));
  }

  void assertSignedOut(Service s, String cookies, TokenRejection reason) {
    HttpResponse<Buffer> resp = me(s, cookies);
    assertThat(resp.statusCode()).isEqualTo(401);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", "Unauthorized").put("statusCode", 401));
    assertThat(s.rejections.last()).isEqualTo(reason);
  }

  String userOf(Service s, String cookies) {
    HttpResponse<Buffer> resp = me(s, cookies);
    assertThat(resp.statusCode()).isEqualTo(200);
    return resp.bodyAsJsonObject().getString("userId");
  }

  /** A service that knows a publishable key naming this fixture's issuer host, and that key's cookie suffix. */
  Service withPublishableKey(String prefix) {
    String host = world.issuer().substring("http://".length());
    String pk = prefix + Base64.getEncoder().withoutPadding().encodeToString((host + "$").getBytes(StandardCharsets.UTF_8));
    return world.service(Map.of("CLERK_PUBLISHABLE_KEY", pk));
  }

  static String suffixOf(Service s) {
    return SessionCookies.suffix(s.running.config().clerk().orElseThrow().publishableKey().orElseThrow());
  }

  @Test
  void aSessionCookieWithItsClientUatSignsIn() {
    long iat = now() - 5;
    assertThat(userOf(service, "__client_uat=" + iat + "; __session=" + token("user_a", iat))).isEqualTo("user_a");
    assertThat(userOf(service, "__session=" + token("user_a", iat) + "; __client_uat=" + (iat - 600))).isEqualTo("user_a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"__client_uat=0; ", "", "__client_uat=; ", "__client_uat=abc; ", "__client_uat=-5; ", "__client_uat=1e9; "})
  void aSessionCookieWithoutAnActiveClientIsSignedOut(String clientUat) {
    assertSignedOut(service, clientUat + "__session=" + token("user_a", now()), TokenRejection.CLIENT_UAT_SIGNED_OUT);
  }

  @Test
  void aClientUatWithoutASessionCookieIsMissingToken() {
    assertSignedOut(service, "__client_uat=" + now(), TokenRejection.MISSING_TOKEN);
  }

  @Test
  void aTokenIssuedBeforeClientUatIsStaleFromTheVerifierAndFromTheCache() {
    String t = token("user_a", now() - 30);
    // stale when verified...
    assertSignedOut(service, "__client_uat=" + (now() - 10) + "; __session=" + t, TokenRejection.STALE_SESSION_COOKIE);
    // ...and when the session is already cached (through the header, where client_uat plays no part)
    assertThat(service.get("/me", t).statusCode()).isEqualTo(200);
    assertThat(service.running.sessions().size()).isEqualTo(1);
    assertSignedOut(service, "__client_uat=" + (now() - 10) + "; __session=" + t, TokenRejection.STALE_SESSION_COOKIE);
    assertThat(userOf(service, "__client_uat=" + (now() - 30) + "; __session=" + t)).isEqualTo("user_a");
  }

  @Test
  void aCookieTokenWithoutIatIsStale() {
    JsonObject claims = world.claims();
    claims.remove("iat");
    assertSignedOut(service, "__client_uat=1; __session=" + world.token(claims), TokenRejection.STALE_SESSION_COOKIE);
    assertThat(service.get("/me", world.token(claims)).statusCode()).as("the header has no client_uat").isEqualTo(200);
  }

  @Test
  void theAuthorizationHeaderStillWinsOverTheCookies() {
    HttpResponse<Buffer> resp = service.send(service.client.get("/me").bearerTokenAuthentication(token("user_h", now()))
      .putHeader("Cookie", "__client_uat=0; __session=" + token("user_c", now())));
    assertThat(resp.bodyAsJsonObject().getString("userId")).isEqualTo("user_h");
  }

  @Test
  void withThePublishableKeyTheSuffixedPairIsReadFirst() {
    Service pk = withPublishableKey("pk_live_");
    String suffix = suffixOf(pk);
    long iat = now() - 5;
    // the plain pair says signed out; the suffixed pair, written by Clerk's SDK for this key, signs in
    String cookies = "__client_uat=0; __session=" + token("user_plain", iat) + "; __session_" + suffix + "="
      + token("user_suffixed", iat) + "; __client_uat_" + suffix + "=" + iat;
    assertThat(userOf(pk, cookies)).isEqualTo("user_suffixed");
    // without the key, only the plain pair exists
    assertSignedOut(service, cookies, TokenRejection.CLIENT_UAT_SIGNED_OUT);
    // the suffixed client_uat governs the suffixed token: newer than it, the token is stale
    assertSignedOut(pk, "__session_" + suffix + "=" + token("user_suffixed", iat) + "; __client_uat_" + suffix + "="
      + (iat + 60), TokenRejection.STALE_SESSION_COOKIE);
    // a suffix of another key is nobody's cookie
    assertSignedOut(pk, "__session_AAAAAAAA=" + token("user_x", iat) + "; __client_uat_AAAAAAAA=" + iat, TokenRejection.MISSING_TOKEN);
  }

  /** The cookies with the publishable key's suffix; {@code s} is replaced by the suffix in names. */
  String suffixed(Service pk, String cookies) {
    return cookies.replace("_s=", "_" + suffixOf(pk) + "=");
  }

  @Test
  void withoutASuffixedClientUatThePlainPairIsRead() {
    Service pk = withPublishableKey("pk_test_");
    long t = now() - 100;
    assertThat(userOf(pk, suffixed(pk, "__session_s=" + token("user_suffixed", t) + "; __client_uat=" + t
      + "; __session=" + token("user_plain", t)))).isEqualTo("user_plain");
  }

  @Test
  void whenBothAreSignedInTheNewerTokenDecides() {
    Service pk = withPublishableKey("pk_test_");
    long t = now() - 100;
    assertThat(userOf(pk, suffixed(pk, "__session_s=" + token("user_suffixed", t) + "; __client_uat_s=" + t
      + "; __client_uat=" + t + "; __session=" + token("user_plain", t + 50)))).isEqualTo("user_plain");
    assertThat(userOf(pk, suffixed(pk, "__session_s=" + token("user_suffixed", t + 50) + "; __client_uat_s=" + t
      + "; __client_uat=" + t + "; __session=" + token("user_plain", t)))).isEqualTo("user_suffixed");
  }

  @Test
  void aSuffixedSignOutGivesWayToASignedInPlainPair() {
    Service pk = withPublishableKey("pk_test_");
    long t = now() - 100;
    assertThat(userOf(pk, suffixed(pk, "__client_uat_s=0; __client_uat=" + t + "; __session=" + token("user_plain", t))))
      .isEqualTo("user_plain");
  }

  @Test
  void aPlainTokenOfAnotherInstanceLeavesTheSuffixedPair() {
    Service pk = withPublishableKey("pk_test_");
    long t = now() - 100;
    // another app on the same domain wrote the plain cookie, later
    String foreign = world.token(world.claims().put("sub", "user_other_app").put("iat", t + 50)
      .put("iss", "https://other-app-1.clerk.accounts.dev"));
    assertThat(userOf(pk, suffixed(pk, "__session_s=" + token("user_suffixed", t) + "; __client_uat_s=" + t
      + "; __client_uat=" + t + "; __session=" + foreign))).isEqualTo("user_suffixed");
  }

  @Test
  void oneTokenInBothPairsIsJudgedByTheSuffixedClientUat() {
    Service pk = withPublishableKey("pk_test_");
    long t = now() - 100;
    // what current browser SDKs write: the same token in both cookies
    String both = token("user_both", t);
    assertSignedOut(pk, suffixed(pk, "__session_s=" + both + "; __client_uat_s=" + (t + 1) + "; __client_uat=" + t
      + "; __session=" + both), TokenRejection.STALE_SESSION_COOKIE);
  }

  @ParameterizedTest
  @CsvSource({
    // Clerk's own vectors (@clerk/shared keys tests)
    "pk_live_Y2xlcmsuY2xlcmsuZGV2JA, 1Z8AzTQD",
    "pk_test_Y2xlcmsuY2xlcmsuZGV2JA, QvfNY2dr",
    "pk_test_ZW5vdWdoLWFscGFjYS04Mi5jbGVyay5hY2NvdW50cy5sY2xjbGVyay5jb20k, jtYvyt_H",
    "pk_test_eHh4eHh4LXhhYWFhYS1hYS5jbGVyay5hY2NvdW50cy5sY2xjbGVyay5jb20k, tZJdb-5s"})
  void theCookieSuffixIsClerks(String publishableKey, String suffix) {
    assertThat(SessionCookies.suffix(publishableKey)).isEqualTo(suffix);
  }
}
