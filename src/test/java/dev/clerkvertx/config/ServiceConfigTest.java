package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceConfigTest {
  static final long HEAP = 96L << 20;

  static JsonObject defaults() {
    return SettingValues.defaults();
  }

  static ServiceConfig from(JsonObject c) {
    return ServiceConfig.from(c, HEAP);
  }

  static String jwksUrl(ServiceConfig c) {
    return ((ClerkInstance.Jwks) c.requireClerk().keys()).url();
  }

  static JsonObject with(String key, Object value) {
    return defaults().put(key, value);
  }

  static ConfigException failure(JsonObject c) {
    try {
      from(c).requireClerk();
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
  void noClerkVariableMeansNoInstanceAndAnyOneVariableMeansOne() {
    assertThat(from(defaults()).clerk()).isEmpty();
    assertThat(from(with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev")).clerk().orElseThrow().keys())
      .isInstanceOf(ClerkInstance.Jwks.class);
  }

  @Test
  void toleratesTrailingSlashAndPastedJwksPathInIssuer() {
    for (String pasted : List.of("https://clean-mole-12.clerk.accounts.dev/",
      "https://clean-mole-12.clerk.accounts.dev/.well-known/jwks.json", " https://clean-mole-12.clerk.accounts.dev ")) {
      ServiceConfig c = from(with("CLERK_ISSUER_URL", pasted));
      assertThat(c.requireClerk().issuer()).isEqualTo("https://clean-mole-12.clerk.accounts.dev");
      assertThat(jwksUrl(c)).isEqualTo("https://clean-mole-12.clerk.accounts.dev/.well-known/jwks.json");
    }
  }

  @Test
  void explicitJwksUrlWins() {
    ServiceConfig c = from(with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev")
      .put("CLERK_JWKS_URL", "https://keys.example.com/jwks"));
    assertThat(jwksUrl(c)).isEqualTo("https://keys.example.com/jwks");
  }

  @Test
  void derivesIssuerFromPublishableKeyAsClerkSdksDo() {
    String pk = "pk_test_" + Base64.getEncoder().encodeToString("clean-mole-12.clerk.accounts.dev$".getBytes(StandardCharsets.UTF_8));
    ServiceConfig c = from(with("CLERK_PUBLISHABLE_KEY", pk));
    assertThat(c.requireClerk().issuer()).isEqualTo("https://clean-mole-12.clerk.accounts.dev");
    String live = "pk_live_" + Base64.getEncoder().withoutPadding().encodeToString("clerk.example.com$".getBytes(StandardCharsets.UTF_8));
    assertThat(from(with("CLERK_PUBLISHABLE_KEY", live)).requireClerk().issuer()).isEqualTo("https://clerk.example.com");
  }

  @Test
  void issuerUrlWinsOverPublishableKey() {
    String pk = "pk_test_" + Base64.getEncoder().encodeToString("other.clerk.accounts.dev$".getBytes(StandardCharsets.UTF_8));
    ServiceConfig c = from(with("CLERK_PUBLISHABLE_KEY", pk).put("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev"));
    assertThat(c.requireClerk().issuer()).isEqualTo("https://a.clerk.accounts.dev");
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
    assertThat(from(with("CLERK_ISSUER_URL", "http://127.0.0.1:9999")).requireClerk().issuer()).isEqualTo("http://127.0.0.1:9999");
  }

  @Test
  void loopbackMeansAnIpLiteralIn127Slash8OrColonColonOneOrExactlyLocalhost() {
    for (String ok : List.of("http://127.0.0.1:9999", "http://127.255.3.4", "http://localhost:8080", "http://[::1]:8080")) {
      assertThat(from(with("CLERK_ISSUER_URL", ok)).requireClerk().issuer()).as(ok).isEqualTo(ok);
    }
    for (String bad : List.of("http://127.attacker.example", "http://127.0.0.1.attacker.example", "http://localhost.attacker.example",
      "http://127.0.0.256", "http://1270.0.0.1", "http://[::2]", "http://0.0.0.0")) {
      assertThat(failure(with("CLERK_ISSUER_URL", bad)).key()).as(bad).isEqualTo("CLERK_ISSUER_URL");
    }
    assertThat(failure(with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev").put("CLERK_JWKS_URL", "http://127.evil.dev/jwks")).key())
      .isEqualTo("CLERK_JWKS_URL");
  }

  @Test
  void incoherentCombinationsAreRefusedNamingTheVariable() {
    JsonObject base = with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev");
    assertThat(failure(base.copy().put("CLERK_JWKS_COOLDOWN_SECONDS", "0")).key()).isEqualTo("CLERK_JWKS_COOLDOWN_SECONDS");
    assertThat(failure(base.copy().put("CLERK_JWKS_REFRESH_SECONDS", "30").put("CLERK_JWKS_TIMEOUT_SECONDS", "30")).key())
      .isEqualTo("CLERK_JWKS_TIMEOUT_SECONDS");
    assertThat(failure(base.copy().put("CLERK_JWKS_REFRESH_SECONDS", "20").put("CLERK_JWKS_COOLDOWN_SECONDS", "30")).key())
      .isEqualTo("CLERK_JWKS_COOLDOWN_SECONDS");
    assertThat(failure(base.copy().put("CLERK_JWKS_TIMEOUT_SECONDS", "10").put("HTTP_REQUEST_TIMEOUT_SECONDS", "10")).key())
      .isEqualTo("HTTP_REQUEST_TIMEOUT_SECONDS");
    assertThat(failure(base.copy().put("GRAPHQL_MAX_QUERY_LENGTH", "70000")).key()).isEqualTo("GRAPHQL_MAX_QUERY_LENGTH");
    assertThat(failure(base.copy().put("CLERK_JWKS_URL", "https://a.clerk.accounts.dev/jwks")
      .put("CLERK_JWT_KEY", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).key()).isEqualTo("CLERK_JWKS_URL");
    assertThat(failure(base.copy().put("HTTP_INSTANCES", "8").put("GRAPHQL_DOCUMENT_CACHE_BYTES", String.valueOf(8 << 20))).key())
      .isEqualTo("GRAPHQL_DOCUMENT_CACHE_BYTES");
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
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("LOG_LEVEL", "verbose")).key()).isEqualTo("LOG_LEVEL");
    assertThat(failure(with("CLERK_ISSUER_URL", issuer).put("GRAPHIQL_ENABLED", "off")).key()).isEqualTo("GRAPHIQL_ENABLED");
  }

  @Test
  void logLevelIsAnyCaseAndGraphiqlIsOnByDefault() {
    assertThat(from(defaults()).logLevel()).isEqualTo("INFO");
    assertThat(from(defaults()).graphiqlEnabled()).isTrue();
    assertThat(from(with("LOG_LEVEL", "warn")).logLevel()).isEqualTo("WARN");
  }

  @Test
  void networklessKeyNeedsAnIssuerAndAPem() {
    assertThat(failure(with("CLERK_JWT_KEY", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).key()).isEqualTo("CLERK_ISSUER_URL");
    assertThat(failure(with("CLERK_JWT_KEY", "ssh-rsa AAAA").put("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev")).key()).isEqualTo("CLERK_JWT_KEY");
  }

  @Test
  void authorizedPartiesAreTrimmedAndDefaultTheCorsOrigins() {
    ServiceConfig c = from(with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev")
      .put("CLERK_AUTHORIZED_PARTIES", " https://app.example.com/ , http://localhost:3000,"));
    assertThat(c.tokenRules().authorizedParties()).containsExactly("https://app.example.com", "http://localhost:3000");
    assertThat(c.http().corsAllowedOrigins()).isEqualTo(c.tokenRules().authorizedParties());
  }

  @Test
  void summaryNamesEverySettingAndNeverContainsThePem() {
    String pem = dev.clerkvertx.support.TestKeys.pem(dev.clerkvertx.support.TestKeys.RSA_A);
    ServiceConfig c = from(with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev").put("CLERK_JWT_KEY", pem));
    assertThat(c.requireClerk().keys()).isInstanceOf(ClerkInstance.Pem.class);
    assertThat(c.summary().fieldNames()).containsExactlyInAnyOrder(
      java.util.Arrays.stream(Setting.values()).map(Setting::name).toArray(String[]::new));
    assertThat(c.summary().getString("CLERK_JWT_KEY")).isEqualTo("(set, redacted)");
    assertThat(c.summary().encode()).doesNotContain(pem.substring(40, 80));
    assertThat(c.summary().getInteger("HTTP_INSTANCES")).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void managementPortMustDifferFromThePublicPort() {
    JsonObject base = with("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev");
    assertThat(failure(base.copy().put("PORT", "9000").put("MANAGEMENT_PORT", "9000")).key()).isEqualTo("MANAGEMENT_PORT");
    assertThat(from(base.copy().put("PORT", "0").put("MANAGEMENT_PORT", "0")).http().managementPort()).isZero();
    assertThat(from(base.copy()).http().managementPort()).isEqualTo(9090);
    assertThat(from(base.copy()).http().bodyStart()).hasSeconds(5);
  }
}
