package dev.clerkvertx.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** conf/config.json < .env < environment, read through vertx-config. */
@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {
  @TempDir
  Path dir;

  JsonObject load(Vertx vertx, Map<String, String> env) throws Exception {
    return new ConfigLoader(dir.resolve("config.json"), dir.resolve(".env"), env).load(vertx).await(10, TimeUnit.SECONDS);
  }

  @Test
  void environmentOverridesDotEnvWhichOverridesConfigFile(Vertx vertx) throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"PORT\": 1111, \"CLERK_CLOCK_SKEW_SECONDS\": 7, \"HTTP_INSTANCES\": 3}");
    Files.writeString(dir.resolve(".env"), "PORT=2222\nCLERK_CLOCK_SKEW_SECONDS=8\n");
    JsonObject c = load(vertx, Map.of("PORT", "3333"));
    assertThat(c.getValue("PORT").toString()).isEqualTo("3333");
    assertThat(c.getValue("CLERK_CLOCK_SKEW_SECONDS").toString()).isEqualTo("8");
    assertThat(c.getValue("HTTP_INSTANCES").toString()).isEqualTo("3");
    assertThat(c.getValue("CLERK_JWKS_REFRESH_SECONDS").toString()).isEqualTo("300");
  }

  @Test
  void dotEnvUnderstandsQuotesExportAndComments(Vertx vertx) throws Exception {
    Files.writeString(dir.resolve(".env"), String.join("\n",
      "# Clerk",
      "export CLERK_ISSUER_URL=https://a.clerk.accounts.dev # my instance",
      "CLERK_AUTHORIZED_PARTIES='http://localhost:3000'",
      "CLERK_JWT_KEY=\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\"",
      ""));
    JsonObject c = load(vertx, Map.of());
    assertThat(c.getString("CLERK_ISSUER_URL")).isEqualTo("https://a.clerk.accounts.dev");
    assertThat(c.getString("CLERK_AUTHORIZED_PARTIES")).isEqualTo("http://localhost:3000");
    assertThat(c.getString("CLERK_JWT_KEY")).isEqualTo("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");
  }

  @Test
  void unrelatedEnvironmentVariablesAreIgnored(Vertx vertx) throws Exception {
    JsonObject c = load(vertx, Map.of("HOME", "/root", "PATH", "/bin"));
    assertThat(c.containsKey("HOME")).isFalse();
  }

  @Test
  void malformedDotEnvLineStopsStartUpNamingTheFile(Vertx vertx) throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT=1\nthis is not an assignment\n");
    assertThatThrownBy(() -> load(vertx, Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining(".env").hasMessageContaining("line 2");
  }

  @Test
  void malformedConfigFileStopsStartUpNamingTheFile(Vertx vertx) throws Exception {
    Files.writeString(dir.resolve("config.json"), "{ PORT: ");
    assertThatThrownBy(() -> load(vertx, Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("config.json");
  }
}
