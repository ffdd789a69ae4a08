package dev.clerkvertx.hostile;

import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attack: settings that weaken the service without looking wrong. A host that merely starts with
 * {@code 127.} was taken for loopback and fetched over plain http; a cooldown of 0 removed flood
 * protection; timings that cannot work together were accepted. Each stops start-up naming the variable.
 */
@ExtendWith(VertxExtension.class)
class HostileSettingsTest {

  void refused(Vertx vertx, Map<String, String> settings, String variable) {
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", "https://clean-mole-12.clerk.accounts.dev");
    env.putAll(settings);
    assertThatThrownBy(() -> Service.start(vertx, env, MutableClock.atNow()))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(variable));
  }

  @Test
  void plainHttpToAHostThatOnlyLooksLikeLoopbackIsRefused(Vertx vertx) {
    refused(vertx, Map.of("CLERK_ISSUER_URL", "http://127.attacker.example"), "CLERK_ISSUER_URL");
    refused(vertx, Map.of("CLERK_ISSUER_URL", "http://localhost.attacker.example"), "CLERK_ISSUER_URL");
    refused(vertx, Map.of("CLERK_JWKS_URL", "http://127.0.0.1.nip.io/jwks"), "CLERK_JWKS_URL");
  }

  @Test
  void unknownKidFloodProtectionCannotBeSwitchedOff(Vertx vertx) {
    refused(vertx, Map.of("CLERK_JWKS_COOLDOWN_SECONDS", "0"), "CLERK_JWKS_COOLDOWN_SECONDS");
  }

  @Test
  void timingsThatCannotWorkTogetherAreRefused(Vertx vertx) {
    refused(vertx, Map.of("CLERK_JWKS_REFRESH_SECONDS", "10", "CLERK_JWKS_TIMEOUT_SECONDS", "20"), "CLERK_JWKS_TIMEOUT_SECONDS");
    refused(vertx, Map.of("CLERK_JWKS_REFRESH_SECONDS", "10", "CLERK_JWKS_COOLDOWN_SECONDS", "20"), "CLERK_JWKS_COOLDOWN_SECONDS");
  }

  @Test
  void cachesTheHeapCannotHoldAreRefused(Vertx vertx) {
    refused(vertx, Map.of("HTTP_INSTANCES", "64", "GRAPHQL_DOCUMENT_CACHE_BYTES", String.valueOf(256 << 20)),
      "GRAPHQL_DOCUMENT_CACHE_BYTES");
  }
}
