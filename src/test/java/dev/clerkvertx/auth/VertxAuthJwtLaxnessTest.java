package dev.clerkvertx.auth;

import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four places where vertx-auth-jwt 5.0.7 on its own is too lax, each shown on the library
 * itself (so that an upgrade that fixes one shows up here) and then refused by the service over a
 * real socket.
 */
@ExtendWith(VertxExtension.class)
class VertxAuthJwtLaxnessTest {
  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "k");
    service = world.service();
  }

  JWTAuth plainProvider(Vertx vertx) {
    return JWTAuth.create(vertx, new JWTAuthOptions().setJwks(List.of(TestKeys.jwk(TestKeys.RSA_A, "k"))));
  }

  TokenRejection refusedHere(String token) {
    assertThat(service.get("/rest-endpoints/1", token).statusCode()).isEqualTo(401);
    return service.rejections.last();
  }

  String sign(JsonObject header, JsonObject claims) {
    return Tokens.rs256(TestKeys.RSA_A.getPrivate(), header, claims);
  }

  @Test
  void tokenWithoutExpIsAcceptedByTheLibraryAndRejectedHere(Vertx vertx) {
    JsonObject claims = world.claims();
    claims.remove("exp");
    String t = sign(Claims.header("k"), claims);
    assertThat(plainProvider(vertx).authenticate(new TokenCredentials(t)).succeeded()).isTrue();
    assertThat(refusedHere(t)).isEqualTo(TokenRejection.MISSING_EXP);
  }

  @Test
  void critHeaderIsIgnoredByTheLibraryAndRejectedHere(Vertx vertx) {
    String t = sign(Claims.header("k").put("crit", new JsonArray().add("x-unknown")).put("x-unknown", 1), world.claims());
    assertThat(plainProvider(vertx).authenticate(new TokenCredentials(t)).succeeded()).isTrue();
    assertThat(refusedHere(t)).isEqualTo(TokenRejection.UNKNOWN_CRITICAL_HEADER);
  }

  @Test
  void providerWithZeroKeysAcceptsUnsignedTokensSoNoneIsEverBuiltHere(Vertx vertx) {
    String unsigned = Tokens.b64("{\"alg\":\"none\"}") + "." + Tokens.b64(world.claims().encode());
    JWTAuth empty = JWTAuth.create(vertx, new JWTAuthOptions());
    assertThat(empty.authenticate(new TokenCredentials(unsigned)).succeeded()).isTrue();
    // here: no key set can be empty, and a service without keys answers "unavailable", never "accepted"
    world.jwks.down();
    Service keyless = world.service();
    assertThat(keyless.get("/rest-endpoints/1", unsigned + ".").statusCode()).isEqualTo(503);
    assertThat(keyless.get("/rest-endpoints/1", unsigned).statusCode()).isEqualTo(503);
  }

  @Test
  void nonNumericExpThrowsFromTheLibraryAndIsA401Here(Vertx vertx) {
    String t = sign(Claims.header("k"), world.claims().put("exp", "tomorrow"));
    Throwable thrown = null;
    try {
      Future<User> f = plainProvider(vertx).authenticate(new TokenCredentials(t));
      thrown = f.failed() ? f.cause() : null;
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertThat(thrown).as("the library fails with an unchecked exception, not a rejection").isInstanceOf(ClassCastException.class);
    assertThat(refusedHere(t)).isEqualTo(TokenRejection.INVALID_CLAIM);
  }
}
