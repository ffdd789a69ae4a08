package dev.clerkvertx.auth;

import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four places where vertx-auth-jwt 5.0.7 on its own is too lax, each shown on the library
 * itself (so that an upgrade that fixes one shows up here) and then refused by this service's code.
 */
@ExtendWith(VertxExtension.class)
class VertxAuthJwtLaxnessTest {
  static final String ISSUER = "https://clean-mole-12.clerk.accounts.dev";
  final MutableClock clock = MutableClock.atNow();

  JWTAuth plainProvider(Vertx vertx) {
    return JWTAuth.create(vertx, new JWTAuthOptions().setJwks(List.of(TestKeys.jwk(TestKeys.RSA_A, "k"))));
  }

  ClerkJwtAuth clerk(Vertx vertx) {
    KeyRing ring = new KeyRing(vertx, clock, Duration.ofSeconds(5));
    ring.install(KeySet.of(List.of(TestKeys.jwk(TestKeys.RSA_A, "k")), false, 1, Instant.now()));
    return new ClerkJwtAuth(ring, new ClaimsValidator(clock, Duration.ofSeconds(5), ISSUER, List.of(), false),
      VerifiedTokenCache.create(100, clock), AuthEvents.NONE);
  }

  static TokenRejection reason(Future<User> f) {
    assertThat(f.failed()).as("rejected").isTrue();
    assertThat(f.cause()).isInstanceOf(TokenRejectedException.class);
    return ((TokenRejectedException) f.cause()).reason();
  }

  String sign(JsonObject header, JsonObject claims) {
    return Tokens.rs256(TestKeys.RSA_A.getPrivate(), header, claims);
  }

  @Test
  void tokenWithoutExpIsAcceptedByTheLibraryAndRejectedHere(Vertx vertx) {
    JsonObject claims = Claims.valid(clock, ISSUER);
    claims.remove("exp");
    String t = sign(Claims.header("k"), claims);
    assertThat(plainProvider(vertx).authenticate(new TokenCredentials(t)).succeeded()).isTrue();
    assertThat(reason(clerk(vertx).authenticate(new TokenCredentials(t)))).isEqualTo(TokenRejection.MISSING_EXP);
  }

  @Test
  void critHeaderIsIgnoredByTheLibraryAndRejectedHere(Vertx vertx) {
    String t = sign(Claims.header("k").put("crit", new JsonArray().add("x-unknown")).put("x-unknown", 1), Claims.valid(clock, ISSUER));
    assertThat(plainProvider(vertx).authenticate(new TokenCredentials(t)).succeeded()).isTrue();
    assertThat(reason(clerk(vertx).authenticate(new TokenCredentials(t)))).isEqualTo(TokenRejection.UNKNOWN_CRITICAL_HEADER);
  }

  @Test
  void providerWithZeroKeysAcceptsUnsignedTokensSoNoneIsEverBuiltHere(Vertx vertx) {
    String unsigned = Tokens.b64("{\"alg\":\"none\"}") + "." + Tokens.b64(Claims.valid(clock, ISSUER).encode());
    JWTAuth empty = JWTAuth.create(vertx, new JWTAuthOptions());
    assertThat(empty.authenticate(new TokenCredentials(unsigned)).succeeded()).isTrue();
    // here: no key set can be empty, and a ring without keys answers "unavailable", never "accepted"
    KeyRing ring = new KeyRing(vertx, clock, Duration.ofSeconds(5));
    ClerkJwtAuth auth = new ClerkJwtAuth(ring, new ClaimsValidator(clock, Duration.ofSeconds(5), ISSUER, List.of(), false),
      VerifiedTokenCache.create(100, clock), AuthEvents.NONE);
    Future<User> f = auth.authenticate(new TokenCredentials(unsigned));
    assertThat(f.failed()).isTrue();
    assertThat(f.cause()).isInstanceOf(KeysUnavailableException.class);
  }

  @Test
  void nonNumericExpThrowsFromTheLibraryAndIsA401Here(Vertx vertx) {
    String t = sign(Claims.header("k"), Claims.valid(clock, ISSUER).put("exp", "tomorrow"));
    Throwable thrown = null;
    try {
      Future<User> f = plainProvider(vertx).authenticate(new TokenCredentials(t));
      thrown = f.failed() ? f.cause() : null;
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertThat(thrown).as("the library fails with an unchecked exception, not a rejection").isInstanceOf(ClassCastException.class);
    assertThat(reason(clerk(vertx).authenticate(new TokenCredentials(t)))).isEqualTo(TokenRejection.INVALID_CLAIM);
  }
}
