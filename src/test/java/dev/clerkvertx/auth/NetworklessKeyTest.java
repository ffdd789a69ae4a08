package dev.clerkvertx.auth;

import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.JwksServer;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CLERK_JWT_KEY: verification with one PEM key and no network at all. */
@ExtendWith(VertxExtension.class)
class NetworklessKeyTest {
  static final String ISSUER = "https://clean-mole-12.clerk.accounts.dev";

  @Test
  void verifiesWithThePemKeyWhateverTheKidAndNeverFetches(Vertx vertx) {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_B, "other"));
    Map<String, String> env = Service.baseEnv();
    // the issuer's own JWKS URL would be this server: with a PEM key it is never asked
    env.put("CLERK_ISSUER_URL", jwks.baseUrl());
    env.put("CLERK_JWT_KEY", TestKeys.pem(TestKeys.RSA_A));
    MutableClock clock = MutableClock.atNow();
    Service service = Service.start(vertx, env, clock);

    JsonObject claims = Claims.valid(clock, jwks.baseUrl());
    for (String kid : new String[]{"ins_any", null}) {
      String t = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header(kid), claims);
      assertThat(service.get("/rest-endpoints/1", t).statusCode()).isEqualTo(200);
    }
    String forged = Tokens.rs256(TestKeys.RSA_B.getPrivate(), Claims.header("other"), claims);
    assertThat(service.get("/rest-endpoints/1", forged).statusCode()).isEqualTo(401);
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.BAD_SIGNATURE);
    assertThat(service.get("/ready", null).statusCode()).isEqualTo(200);
    assertThat(jwks.totalRequests()).isZero();
  }

  @Test
  void shortPemKeyStopsStartUpNamingTheVariable(Vertx vertx) {
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", ISSUER);
    env.put("CLERK_JWT_KEY", TestKeys.pem(TestKeys.RSA_1024));
    assertThatThrownBy(() -> Service.start(vertx, env, MutableClock.atNow()))
      .isInstanceOf(ConfigException.class).hasMessageContaining("CLERK_JWT_KEY");
  }
}
