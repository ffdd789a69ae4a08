package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceConfigTest {
  static JsonObject defaults() {
    return Defaults.bundled();
  }

  static JsonObject with(String key, Object value) {
    return defaults().put(key, value);
  }

  static ConfigException failure(JsonObject c) {
    try {
      ServiceConfig.from(c, false);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("configuration was accepted");
  }

  @Test
  void packagedJarWithoutClerkConfigurationFailsNamingTheVariables() {
    ConfigException e = failure(defaults());
    assertThat(e.key()).isEqualTo("CLERK_ISSUER_URL");
    assertThat(e.getMessage()).contains("CLERK_ISSUER_URL").contains("CLERK_PUBLISHABLE_KEY");
  }

  @Test
  void devModeOnlyWhenAllowedAndNothingIsConfigured() {
    ServiceConfig c = ServiceConfig.from(defaults(), true);
    assertThat(c.mode()).isEqualTo(ServiceConfig.Mode.DEV);
    assertThat(ServiceConfig.from(with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev"), true).mode())
      .isEqualTo(ServiceConfig.Mode.JWKS);
  }

  @Test
  void toleratesTrailingSlashAndPastedJwksPathInIssuer() {
    for (String pasted : List.of("https://clean-mole-12.clerk.accounts.dev/",
      "https://clean-mole-12.clerk.accounts.dev/.well-known/jwks.json", " https://clean-mole-12.clerk.accounts.dev ")) {
      ServiceConfig c = ServiceConfig.from(with("CLERK_ISSUER_URL", pasted), false);
      assertThat(c.issuer()).isEqualTo("https://clean-mole-12.clerk.accounts.dev");
      assertThat(c.jwksUrl()).isEqualTo("https://clean-mole-12.clerk.accounts.dev/.well-known/jwks.json");
    }
  }

  @Test
  void explicitJwksUrlWins() {
    ServiceConfig c = ServiceConfig.from(with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev")
      .put("CLERK_JWKS_URL", "https://keys.example.com/jwks"), false);
    assertThat(c.jwksUrl()).isEqualTo("https://keys.example.com/jwks");
  }

  @Test
  void derivesIssuerFromPublishableKeyAsClerkSdksDo() {
    String pk = "pk_test_" + Base64.getEncoder().encodeToString("clean-mole-12.clerk.accounts.dev$".getBytes(StandardCharsets.UTF_8));
    ServiceConfig c = ServiceConfig.from(with("CLERK_PUBLISHABLE_KEY", pk), false);
    assertThat(c.issuer()).isEqualTo("https://clean-mole-12.clerk.accounts.dev");
    String live = "pk_live_" + Base64.getEncoder().withoutPadding().encodeToString("clerk.example.com$".getBytes(StandardCharsets.UTF_8));
    assertThat(ServiceConfig.from(with("CLERK_PUBLISHABLE_KEY", live), false).issuer()).isEqualTo("https://clerk.example.com");
  }

  @Test
  void issuerUrlWinsOverPublishableKey() {
    String pk = "pk_test_" + Base64.getEncoder().encodeToString("other.clerk.accounts.dev$".getBytes(StandardCharsets.UTF_8));
    ServiceConfig c = ServiceConfig.from(with("CLERK_PUBLISHABLE_KEY", pk).put("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev"), false);
    assertThat(c.issuer()).isEqualTo("https://a.clerk.accounts.dev");
  }

  @Test
  void rejectsInvalidPublishableKeys() {
    for (String bad : List.of("sk_test_abc", "pk_test_%%%", "pk_test_" + Base64.getEncoder().encodeToString("no-dollar".getBytes()),
      "pk_live_" + Base64.getEncoder().encodeToString("bad host$".getBytes()))) {
      assertThat(failure(with("CLERK_PUBLISHABLE_KEY", bad)).key()).as(bad).isEqualTo("CLERK_PUBLISHABLE_KEY");
    }
  }

  @Test
  void rejectsPlainHttpIssuerExceptOnLoopback() {
    assertThat(failure(with("CLERK_ISSUER_URL", "http://clean-mole-12.clerk.accounts.dev")).key()).isEqualTo("CLERK_ISSUER_URL");
    assertThat(failure(with("CLERK_ISSUER_URL", "ftp://x.dev")).key()).isEqualTo("CLERK_ISSUER_URL");
    assertThat(failure(with("CLERK_ISSUER_URL", "not a url")).key()).isEqualTo("CLERK_ISSUER_URL");
    assertThat(ServiceConfig.from(with("CLERK_ISSUER_URL", "http://127.0.0.1:9999"), false).issuer()).isEqualTo("http://127.0.0.1:9999");
  }

  @Test
  void badNumbersAndBooleansNameTheirVariable() {
    String issuer = "https://a.clerk.accounts.dev";
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("PORT", "eighty")).key()).isEqualTo("PORT");
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("PORT", "70000")).key()).isEqualTo("PORT");
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("HTTP_INSTANCES", "0")).key()).isEqualTo("HTTP_INSTANCES");
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("CLERK_CLOCK_SKEW_SECONDS", "-1")).key()).isEqualTo("CLERK_CLOCK_SKEW_SECONDS");
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("CLERK_JWKS_REFRESH_SECONDS", "1")).key()).isEqualTo("CLERK_JWKS_REFRESH_SECONDS");
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("CLERK_JWKS_COOLDOWN_SECONDS", "x")).key()).isEqualTo("CLERK_JWKS_COOLDOWN_SECONDS");
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("CLERK_ACCEPT_PENDING_SESSIONS", "maybe")).key()).isEqualTo("CLERK_ACCEPT_PENDING_SESSIONS");
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("CLERK_AUTHORIZED_PARTIES", "app.example.com")).key()).isEqualTo("CLERK_AUTHORIZED_PARTIES");
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("CORS_ALLOWED_ORIGINS", "https://a.com/path")).key()).isEqualTo("CORS_ALLOWED_ORIGINS");
  }

  @Test
  void networklessKeyNeedsAnIssuerAndAPem() {
    assertThat(failure(with("CLERK_JWT_KEY", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).key()).isEqualTo("CLERK_ISSUER_URL");
    assertThat(failure(with("CLERK_JWT_KEY", "ssh-rsa AAAA").put("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev")).key()).isEqualTo("CLERK_JWT_KEY");
  }

  @Test
  void authorizedPartiesAreTrimmedAndDefaultTheCorsOrigins() {
    ServiceConfig c = ServiceConfig.from(with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev")
      .put("CLERK_AUTHORIZED_PARTIES", " https://app.example.com/ , http://localhost:3000,"), false);
    assertThat(c.authorizedParties()).containsExactly("https://app.example.com", "http://localhost:3000");
    assertThat(c.corsAllowedOrigins()).isEqualTo(c.authorizedParties());
  }

  @Test
  void redactedSummaryNeverContainsThePem() {
    String pem = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsecretish\n-----END PUBLIC KEY-----";
    ServiceConfig c = ServiceConfig.from(with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev").put("CLERK_JWT_KEY", pem), false);
    assertThat(c.redacted().encode()).doesNotContain("MIIBIjAN").contains("redacted");
  }
}
