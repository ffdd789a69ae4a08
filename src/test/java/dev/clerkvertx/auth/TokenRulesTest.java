package dev.clerkvertx.auth;

import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every accept and reject rule of the contract's "Tokens" section, and the classic JWT attacks,
 * against the real service over a real socket, with keys served by a real JWKS endpoint.
 */
@ExtendWith(VertxExtension.class)
class TokenRulesTest {
  static final String KID = "ins_test_a";

  Vertx vertx;
  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    world = Fixture.start(vertx, KID);
    service = world.service();
  }

  Service startService(Map<String, String> extra) {
    return world.service(extra);
  }

  JsonObject claims() {
    return world.claims();
  }

  String token(JsonObject claims) {
    return world.token(claims);
  }

  HttpResponse<Buffer> ping(String token) {
    return service.get("/rest-endpoints/12345", token);
  }

  void assertRejected(HttpResponse<Buffer> resp, TokenRejection reason) {
    assertThat(resp.statusCode()).isEqualTo(401);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", "Unauthorized").put("statusCode", 401));
    assertThat(resp.getHeader("WWW-Authenticate")).startsWith("Bearer realm=\"clerk\"");
    assertThat(service.rejections.last()).isEqualTo(reason);
  }

  void assertRejectedToken(String token, TokenRejection reason) {
    HttpResponse<Buffer> resp = ping(token);
    assertRejected(resp, reason);
    assertThat(resp.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  // ---- accepted ----

  @Test
  void acceptsValidClerkToken() {
    HttpResponse<Buffer> resp = ping(token(claims()));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(resp.bodyAsString()).isEqualTo("REST Ping #12345!");
  }

  @Test
  void acceptsBearerSchemeInAnyCase() {
    for (String scheme : new String[]{"bearer", "BEARER", "BeArEr"}) {
      HttpResponse<Buffer> resp = service.send(service.client.get("/rest-endpoints/1")
        .putHeader("Authorization", scheme + " " + token(claims())));
      assertThat(resp.statusCode()).as(scheme).isEqualTo(200);
    }
  }

  @Test
  void acceptsTokenFromSessionCookieWhenNoAuthorizationHeader() {
    HttpResponse<Buffer> resp = service.send(service.client.get("/rest-endpoints/9")
      .putHeader("Cookie", "theme=dark; __session=" + token(claims()) + "; __client_uat=" + world.clock.epochSecond() + "; other=1"));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsString()).isEqualTo("REST Ping #9!");
  }

  @Test
  void acceptsVersion1TokenWithoutSessionStatus() {
    JsonObject v1 = claims();
    v1.remove("sts");
    v1.remove("v");
    v1.put("org_id", "org_1").put("org_role", "org:admin");
    assertThat(ping(token(v1)).statusCode()).isEqualTo(200);
  }

  // ---- missing, query string, cookies, headers ----

  @Test
  void rejectsRequestWithoutTokenWithPlainBearerChallenge() {
    HttpResponse<Buffer> resp = ping(null);
    assertRejected(resp, TokenRejection.MISSING_TOKEN);
    assertThat(resp.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"clerk\"");
  }

  @Test
  void neverReadsTokenFromQueryString() {
    String t = token(claims());
    for (String q : new String[]{"access_token", "token", "__session", "authorization"}) {
      HttpResponse<Buffer> resp = service.get("/rest-endpoints/1?" + q + "=" + t, null);
      assertRejected(resp, TokenRejection.MISSING_TOKEN);
    }
  }

  @Test
  void garbageHeaderIsNotRescuedByValidSessionCookie() {
    HttpResponse<Buffer> resp = service.send(service.client.get("/rest-endpoints/1")
      .putHeader("Authorization", "Bearer garbage")
      .putHeader("Cookie", "__session=" + token(claims())));
    assertRejected(resp, TokenRejection.MALFORMED);
  }

  @Test
  void expiredHeaderTokenIsNotRescuedByValidSessionCookie() {
    JsonObject expired = claims().put("exp", world.clock.epochSecond() - 120);
    HttpResponse<Buffer> resp = service.send(service.client.get("/rest-endpoints/1")
      .putHeader("Authorization", "Bearer " + token(expired))
      .putHeader("Cookie", "__session=" + token(claims())));
    assertRejected(resp, TokenRejection.EXPIRED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"__session_Abc123", "__Session", "session", "__session2", "__clerk_db_jwt"})
  void onlyTheExactSessionCookieNameCounts(String cookieName) {
    HttpResponse<Buffer> resp = service.send(service.client.get("/rest-endpoints/1")
      .putHeader("Cookie", cookieName + "=" + token(claims()) + "; __client_uat=1"));
    assertRejected(resp, TokenRejection.MISSING_TOKEN);
  }

  @Test
  void rejectsTwoAuthorizationHeadersEvenWhenBothAreValid() {
    HttpResponse<Buffer> resp = service.send(service.client.get("/rest-endpoints/1")
      .putHeader("Authorization", java.util.List.of("Bearer " + token(claims()), "Bearer " + token(claims()))));
    assertRejected(resp, TokenRejection.MULTIPLE_AUTHORIZATION);
  }

  @Test
  void rejectsNonBearerScheme() {
    HttpResponse<Buffer> resp = service.send(service.client.get("/rest-endpoints/1")
      .putHeader("Authorization", "Basic dXNlcjpwYXNz"));
    assertRejected(resp, TokenRejection.NOT_BEARER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "Bearer ", "Bearer    "})
  void rejectsBearerWithoutToken(String header) {
    HttpResponse<Buffer> resp = service.send(service.client.get("/rest-endpoints/1").putHeader("Authorization", header));
    assertThat(resp.statusCode()).isEqualTo(401);
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.MALFORMED);
  }

  @Test
  void answers431ToOneMegabyteHeaderWithoutHanging() {
    // a raw socket: HTTP clients differ in how they report a response that arrives mid-upload
    NetSocket socket = Service.await(vertx.createNetClient().connect(service.running.port(), "127.0.0.1"));
    Buffer received = Buffer.buffer();
    io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
    socket.handler(received::appendBuffer);
    socket.closeHandler(v -> closed.tryComplete());
    socket.write("GET /rest-endpoints/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + "a".repeat(1024 * 1024) + "\r\n\r\n");
    Service.await(closed.future());
    assertThat(received.toString()).matches("(?s)HTTP/1\\.1 (431|401) .*");
    // and the server is still serving
    assertThat(ping(token(claims())).statusCode()).isEqualTo(200);
  }

  // ---- algorithms ----

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void rejectsAlgNoneInEverySpelling(String alg) {
    JsonObject header = new JsonObject().put("alg", alg).put("typ", "JWT").put("kid", KID);
    String unsigned = Tokens.signingInput(header, claims());
    assertRejected(ping(unsigned + "."), TokenRejection.MALFORMED);
    assertRejected(ping(unsigned), TokenRejection.MALFORMED);
    assertRejectedToken(unsigned + "." + Tokens.b64("sig"), TokenRejection.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void rejectsHs256SignedWithRsaPublicKeyAsHmacSecret() {
    JsonObject header = new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", KID);
    byte[] pem = TestKeys.pem(TestKeys.RSA_A).getBytes(StandardCharsets.US_ASCII);
    byte[] der = TestKeys.RSA_A.getPublic().getEncoded();
    byte[] jwkJson = TestKeys.jwk(TestKeys.RSA_A, KID).encode().getBytes(StandardCharsets.UTF_8);
    for (byte[] secret : new byte[][]{pem, der, jwkJson}) {
      assertRejectedToken(Tokens.hs256(secret, header, claims()), TokenRejection.UNSUPPORTED_ALGORITHM);
    }
  }

  @Test
  void rejectsRs384Token() {
    String t = Tokens.sign("SHA384withRSA", TestKeys.RSA_A.getPrivate(),
      new JsonObject().put("alg", "RS384").put("kid", KID), claims());
    assertRejectedToken(t, TokenRejection.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void rejectsPs256Token() {
    String t = Tokens.sign("RSASSA-PSS", TestKeys.RSA_A.getPrivate(),
      new JsonObject().put("alg", "PS256").put("kid", KID), claims());
    assertRejectedToken(t, TokenRejection.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void rejectsEs256Token() {
    String t = Tokens.sign("SHA256withECDSA", TestKeys.EC_P256.getPrivate(),
      new JsonObject().put("alg", "ES256").put("kid", KID), claims());
    assertRejectedToken(t, TokenRejection.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void rs256SignatureWithAlgHeaderMissingIsRejected() {
    JsonObject header = new JsonObject().put("kid", KID);
    assertRejectedToken(Tokens.rs256(TestKeys.RSA_A.getPrivate(), header, claims()), TokenRejection.UNSUPPORTED_ALGORITHM);
  }

  // ---- header key references are never followed ----

  @Test
  void neverFetchesKeysNamedByJkuOrX5uAndIgnoresEmbeddedJwkAndX5c() {
    JsonObject attackerJwk = TestKeys.jwk(TestKeys.RSA_B, "attacker");
    for (String kid : new String[]{"attacker", KID}) {
      JsonObject header = Claims.header(kid)
        .put("jku", world.jwks.baseUrl() + "/attacker/jku.json")
        .put("x5u", world.jwks.baseUrl() + "/attacker/x5u.pem")
        .put("jwk", attackerJwk)
        .put("x5c", new JsonArray().add(java.util.Base64.getEncoder().encodeToString(TestKeys.RSA_B.getPublic().getEncoded())));
      String forged = Tokens.rs256(TestKeys.RSA_B.getPrivate(), header, claims());
      HttpResponse<Buffer> resp = ping(forged);
      assertThat(resp.statusCode()).isEqualTo(401);
      assertThat(service.rejections.last()).isIn(TokenRejection.UNKNOWN_KID, TokenRejection.BAD_SIGNATURE);
    }
    assertThat(world.jwks.requestsTo("/attacker/jku.json")).isZero();
    assertThat(world.jwks.requestsTo("/attacker/x5u.pem")).isZero();
  }

  @Test
  void validTokenCarryingJkuHeaderIsStillVerifiedAgainstConfiguredKeysOnly() {
    JsonObject header = Claims.header(KID).put("jku", world.jwks.baseUrl() + "/attacker/jku.json");
    String t = Tokens.rs256(TestKeys.RSA_A.getPrivate(), header, claims());
    assertThat(ping(t).statusCode()).isEqualTo(200);
    assertThat(world.jwks.requestsTo("/attacker/jku.json")).isZero();
  }

  // ---- tampering and structure ----

  @Test
  void rejectsTamperedPayload() {
    String t = token(claims());
    String[] parts = t.split("\\.");
    String forgedPayload = Tokens.b64(claims().put("sub", "user_admin").encode());
    assertRejectedToken(parts[0] + "." + forgedPayload + "." + parts[2], TokenRejection.BAD_SIGNATURE);
  }

  @Test
  void rejectsTamperedSignature() {
    String t = token(claims());
    int i = t.lastIndexOf('.') + 10;
    char flipped = t.charAt(i) == 'A' ? 'B' : 'A';
    assertRejectedToken(t.substring(0, i) + flipped + t.substring(i + 1), TokenRejection.BAD_SIGNATURE);
  }

  @Test
  void rejectsTruncatedSignature() {
    String t = token(claims());
    // 340 characters: 255 whole bytes, so no unused bits decide the answer
    assertRejectedToken(t.substring(0, t.length() - 2), TokenRejection.BAD_SIGNATURE);
  }

  @Test
  void rejectsStrippedSignature() {
    String t = token(claims());
    String stripped = t.substring(0, t.lastIndexOf('.'));
    assertRejected(ping(stripped + "."), TokenRejection.MALFORMED);
    assertRejected(ping(stripped), TokenRejection.MALFORMED);
  }

  @Test
  void rejectsTokenSignedByAnotherKeyUnderAKnownKid() {
    assertRejectedToken(Tokens.rs256(TestKeys.RSA_B.getPrivate(), Claims.header(KID), claims()),
      TokenRejection.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 5})
  void rejectsWrongNumberOfSegments(int segments) {
    String[] parts = token(claims()).split("\\.");
    StringBuilder t = new StringBuilder(parts[0]);
    for (int i = 1; i < segments; i++) {
      t.append('.').append(i < 3 ? parts[i] : parts[2]);
    }
    assertRejected(ping(t.toString()), TokenRejection.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+", "/", "=", "é", "%2E", "*"})
  void rejectsNonBase64UrlCharacters(String bad) {
    String t = token(claims());
    int i = t.indexOf('.') + 5;
    // padding and the standard alphabet are base64, but not the one spelling JWS allows
    assertRejected(ping(t.substring(0, i) + bad + t.substring(i)),
      "+/=".contains(bad) ? TokenRejection.NON_CANONICAL_BASE64URL : TokenRejection.MALFORMED);
  }

  @Test
  void rejectsHeaderOrPayloadThatIsNotAJsonObject() {
    String sig = Tokens.b64("x");
    assertRejected(ping(Tokens.b64("not json") + "." + Tokens.b64(claims().encode()) + "." + sig), TokenRejection.MALFORMED);
    assertRejected(ping(Tokens.b64("[1,2]") + "." + Tokens.b64(claims().encode()) + "." + sig), TokenRejection.MALFORMED);
    String header = Tokens.b64(Claims.header(KID).encode());
    assertRejected(ping(header + "." + Tokens.b64("[\"sub\"]") + "." + sig), TokenRejection.MALFORMED);
    assertRejected(ping(header + "." + Tokens.b64("{\"sub\":") + "." + sig), TokenRejection.MALFORMED);
  }

  @Test
  void rejectsUnknownCriticalHeader() {
    JsonObject header = Claims.header(KID).put("crit", new JsonArray().add("exp")).put("exp", 1);
    assertRejectedToken(Tokens.rs256(TestKeys.RSA_A.getPrivate(), header, claims()), TokenRejection.UNKNOWN_CRITICAL_HEADER);
  }

  @Test
  void rejectsTokenWithoutKid() {
    assertRejectedToken(Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header(null), claims()), TokenRejection.MISSING_KID);
  }

  @Test
  void rejectsTokenWithUnknownKid() {
    assertRejectedToken(Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("ins_other"), claims()),
      TokenRejection.UNKNOWN_KID);
  }

  // ---- claims ----

  @Test
  void rejectsWrongIssuer() {
    assertRejectedToken(token(claims().put("iss", "https://evil.clerk.accounts.dev")), TokenRejection.ISSUER_MISMATCH);
    assertRejectedToken(token(claims().put("iss", world.jwks.baseUrl() + "/")), TokenRejection.ISSUER_MISMATCH);
    JsonObject noIss = claims();
    noIss.remove("iss");
    assertRejectedToken(token(noIss), TokenRejection.ISSUER_MISMATCH);
  }

  @Test
  void rejectsTokenWithoutSubject() {
    JsonObject c = claims();
    c.remove("sub");
    assertRejectedToken(token(c), TokenRejection.MISSING_SUBJECT);
    assertRejectedToken(token(claims().put("sub", "")), TokenRejection.MISSING_SUBJECT);
  }

  @Test
  void rejectsTokenWithoutExp() {
    JsonObject c = claims();
    c.remove("exp");
    assertRejectedToken(token(c), TokenRejection.MISSING_EXP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"exp", "nbf", "iat"})
  void rejectsNonNumericTimeClaimInValidlySignedTokenWith401Not500(String claim) {
    assertRejectedToken(token(claims().put(claim, "tomorrow")), TokenRejection.INVALID_CLAIM);
    assertRejectedToken(token(claims().put(claim, new JsonObject().put("a", 1))), TokenRejection.INVALID_CLAIM);
    assertRejectedToken(token(claims().put(claim, true)), TokenRejection.INVALID_CLAIM);
  }

  @Test
  void acceptsTokenExpiredLessThanTheSkewAgo() {
    assertThat(ping(token(claims().put("exp", world.clock.epochSecond() - 4))).statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsTokenExpiredExactlyTheSkewAgo() {
    assertRejectedToken(token(claims().put("exp", world.clock.epochSecond() - 5)), TokenRejection.EXPIRED);
  }

  @Test
  void rejectsTokenExpiredBeyondTheSkew() {
    assertRejectedToken(token(claims().put("exp", world.clock.epochSecond() - 6)), TokenRejection.EXPIRED);
    assertRejectedToken(token(claims().put("exp", 0)), TokenRejection.EXPIRED);
  }

  @Test
  void acceptsNotBeforeWithinTheSkew() {
    assertThat(ping(token(claims().put("nbf", world.clock.epochSecond() + 5))).statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsNotBeforeBeyondTheSkew() {
    assertRejectedToken(token(claims().put("nbf", world.clock.epochSecond() + 6)), TokenRejection.NOT_YET_VALID);
  }

  @Test
  void acceptsIssuedAtWithinTheSkew() {
    assertThat(ping(token(claims().put("iat", world.clock.epochSecond() + 5))).statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsIssuedAtBeyondTheSkew() {
    assertRejectedToken(token(claims().put("iat", world.clock.epochSecond() + 6)), TokenRejection.ISSUED_IN_FUTURE);
  }

  @Test
  void tokenAcceptedNowIsRejectedOnceTheClockPassesExpiryAndSkew() {
    String t = token(claims());
    assertThat(ping(t).statusCode()).isEqualTo(200);
    world.clock.advance(java.time.Duration.ofSeconds(64));
    assertThat(ping(t).statusCode()).isEqualTo(200);
    world.clock.advance(java.time.Duration.ofSeconds(1));
    assertRejectedToken(t, TokenRejection.EXPIRED);
  }

  @Test
  void rejectsPendingSessionByDefault() {
    assertRejectedToken(token(claims().put("sts", "pending")), TokenRejection.SESSION_PENDING);
  }

  @Test
  void acceptsPendingSessionWhenConfigured() {
    service = startService(Map.of("CLERK_ACCEPT_PENDING_SESSIONS", "true"));
    assertThat(ping(token(claims().put("sts", "pending"))).statusCode()).isEqualTo(200);
  }

  @Test
  void enforcesAuthorizedPartiesWhenConfigured() {
    service = startService(Map.of("CLERK_AUTHORIZED_PARTIES", "https://app.example.com, http://localhost:3000"));
    assertThat(ping(token(claims().put("azp", "https://app.example.com"))).statusCode()).isEqualTo(200);
    assertThat(ping(token(claims())).statusCode()).isEqualTo(200);
    assertRejectedToken(token(claims().put("azp", "https://evil.example.com")), TokenRejection.AZP_NOT_ALLOWED);
    assertRejectedToken(token(claims().put("azp", "https://app.example.com/")), TokenRejection.AZP_NOT_ALLOWED);
    JsonObject noAzp = claims();
    noAzp.remove("azp");
    assertRejectedToken(token(noAzp), TokenRejection.AZP_NOT_ALLOWED);
  }

  @Test
  void ignoresAzpWhenNoAllowListIsConfigured() {
    assertThat(ping(token(claims().put("azp", "https://anything.example"))).statusCode()).isEqualTo(200);
  }

  // ---- nothing secret leaks ----

  @Test
  void rejectionNeverEchoesTheToken() {
    String t = token(claims().put("exp", 1));
    HttpResponse<Buffer> resp = ping(t);
    assertThat(resp.statusCode()).isEqualTo(401);
    String signature = t.substring(t.lastIndexOf('.') + 1);
    assertThat(resp.bodyAsString()).doesNotContain(signature).doesNotContain(t.substring(0, 20));
    assertThat(resp.headers().toString()).doesNotContain(signature).doesNotContain(t.substring(0, 20));
  }
}
