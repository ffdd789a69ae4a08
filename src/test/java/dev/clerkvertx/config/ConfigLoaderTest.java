package dev.clerkvertx.config;

import ch.qos.logback.classic.Level;
import dev.clerkvertx.support.LogCapture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** conf/config.json < .env < environment. */
class ConfigLoaderTest {
  @TempDir
  Path dir;

  JsonObject load(Map<String, String> env) {
    return new ConfigLoader(dir.resolve("config.json"), dir.resolve(".env"), env).load();
  }

  @Test
  void environmentOverridesDotEnvWhichOverridesConfigFile() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"PORT\": 1111, \"CLERK_CLOCK_SKEW_SECONDS\": 7, \"HTTP_INSTANCES\": 3}");
    Files.writeString(dir.resolve(".env"), "PORT=2222\nCLERK_CLOCK_SKEW_SECONDS=8\n");
    JsonObject c = load(Map.of("PORT", "3333"));
    assertThat(c.getValue("PORT").toString()).isEqualTo("3333");
    assertThat(c.getValue("CLERK_CLOCK_SKEW_SECONDS").toString()).isEqualTo("8");
    assertThat(c.getValue("HTTP_INSTANCES").toString()).isEqualTo("3");
    assertThat(c.getValue("CLERK_JWKS_REFRESH_SECONDS").toString()).isEqualTo("300");
  }

  @Test
  void dotEnvUnderstandsQuotesExportAndComments() throws Exception {
    Files.writeString(dir.resolve(".env"), String.join("\n",
      "# Clerk",
      "export CLERK_ISSUER_URL=https://a.clerk.accounts.dev # my instance",
      "CLERK_AUTHORIZED_PARTIES='http://localhost:3000'",
      "CLERK_JWT_KEY=\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\"",
      ""));
    JsonObject c = load(Map.of());
    assertThat(c.getString("CLERK_ISSUER_URL")).isEqualTo("https://a.clerk.accounts.dev");
    assertThat(c.getString("CLERK_AUTHORIZED_PARTIES")).isEqualTo("http://localhost:3000");
    assertThat(c.getString("CLERK_JWT_KEY")).isEqualTo("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");
  }

  @Test
  void unrelatedEnvironmentVariablesAreIgnored() throws Exception {
    JsonObject c = load(Map.of("HOME", "/root", "PATH", "/bin"));
    assertThat(c.containsKey("HOME")).isFalse();
  }

  @Test
  void malformedDotEnvLineStopsStartUpNamingTheFile() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT=1\nthis is not an assignment\n");
    assertThatThrownBy(() -> load(Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining(".env").hasMessageContaining("line 2");
  }

  @Test
  void malformedConfigFileStopsStartUpNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{ PORT: ");
    assertThatThrownBy(() -> load(Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("config.json");
  }

  @Test
  void unknownNameInConfigFileStopsStartUpNamingTheClosestSetting() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"PORT\": 1111, \"CLERK_AUTHORIZED_PARTYS\": \"http://localhost:3000\"}");
    assertThatThrownBy(() -> load(Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("config.json").hasMessageContaining("CLERK_AUTHORIZED_PARTYS is not a setting")
      .hasMessageContaining("did you mean CLERK_AUTHORIZED_PARTIES?");
  }

  @Test
  void unknownNameInDotEnvStopsStartUpNamingTheClosestSetting() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT=1\nCLERK_ISSUER=https://a.clerk.accounts.dev\n");
    assertThatThrownBy(() -> load(Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining(".env").hasMessageContaining("line 2").hasMessageContaining("did you mean CLERK_ISSUER_URL?");
  }

  @Test
  void strayEnvironmentVariableWithTheServicesPrefixGetsOneWarningNamingTheClosestSetting() throws Exception {
    try (LogCapture log = new LogCapture(ConfigLoader.class, Level.INFO)) {
      JsonObject c = load(Map.of("CLERK_AUTHORIZED_PARTY", "https://evil.example", "GRAPHQL_MAX_DEPHT", "3",
        "HOME", "/root", "HTTP_PROXY", "http://proxy:3128", "CLERK_SERVICE_HOST", "10.0.0.7",
        "CLERK_PORT", "tcp://10.0.0.7:8080", "CLERK_PORT_8080_TCP_ADDR", "10.0.0.7", "CLERK_ISSUER_URL", "https://a.clerk.accounts.dev"));
      assertThat(c.containsKey("CLERK_AUTHORIZED_PARTY")).isFalse();
      assertThat(log.lines(Level.WARN)).containsExactly(
        "Environment variable CLERK_AUTHORIZED_PARTY is ignored: CLERK_AUTHORIZED_PARTY is not a setting of clerk-vertx; "
          + "did you mean CLERK_AUTHORIZED_PARTIES?",
        "Environment variable GRAPHQL_MAX_DEPHT is ignored: GRAPHQL_MAX_DEPHT is not a setting of clerk-vertx; "
          + "did you mean GRAPHQL_MAX_DEPTH?");
    }
  }

  @Test
  void aFrontendsNameForAClerkSettingInTheEnvironmentGetsOneWarningNamingTheSettingItStandsFor() throws Exception {
    try (LogCapture log = new LogCapture(ConfigLoader.class, Level.INFO)) {
      JsonObject c = load(Map.of("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
        "VITE_PORT", "5173", "PUBLIC_PORT", "80", "NEXT_PUBLIC_CLERK_SIGN_IN_URL", "/sign-in",
        "CLERK_ISSUER_URL", "https://a.clerk.accounts.dev"));
      assertThat(c.containsKey("CLERK_PUBLISHABLE_KEY")).isFalse();
      assertThat(log.lines(Level.WARN)).containsExactly(
        "Environment variable NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is ignored: NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is the "
          + "frontend's name for CLERK_PUBLISHABLE_KEY, which is the name clerk-vertx reads; set CLERK_PUBLISHABLE_KEY "
          + "(the same value)");
    }
    try (LogCapture log = new LogCapture(ConfigLoader.class, Level.INFO)) {
      load(Map.of("VITE_CLERK_PUBLISHABLE_KEY", "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
        "CLERK_PUBLISHABLE_KEY", "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k"));
      assertThat(log.lines(Level.WARN)).as("both names set: each program reads its own").isEmpty();
    }
  }

  @Test
  void aFrontendsNameForAClerkSettingInDotEnvStopsStartUpNamingTheSettingItStandsFor() throws Exception {
    Files.writeString(dir.resolve(".env"), "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\n");
    assertThatThrownBy(() -> load(Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining(".env").hasMessageContaining("line 1")
      .hasMessageContaining("the frontend's name for CLERK_PUBLISHABLE_KEY").hasMessageContaining("set CLERK_PUBLISHABLE_KEY");
  }

  @Test
  void everySettingIsReadFromEverySourceLogLevelAndFormatIncluded() throws Exception {
    for (String source : new String[]{"config.json", ".env", "environment"}) {
      Files.deleteIfExists(dir.resolve("config.json"));
      Files.deleteIfExists(dir.resolve(".env"));
      Map<String, String> env = Map.of();
      switch (source) {
        case "config.json" -> Files.writeString(dir.resolve("config.json"), "{\"LOG_LEVEL\": \"debug\", \"LOG_FORMAT\": \"json\", \"GRAPHIQL_ENABLED\": false}");
        case ".env" -> Files.writeString(dir.resolve(".env"), "LOG_LEVEL=debug\nLOG_FORMAT=json\nGRAPHIQL_ENABLED=false\n");
        default -> env = Map.of("LOG_LEVEL", "debug", "LOG_FORMAT", "json", "GRAPHIQL_ENABLED", "false");
      }
      ServiceConfig config = ServiceConfig.from(load(env), 96L << 20);
      assertThat(config.logLevel()).as(source).isEqualTo("DEBUG");
      assertThat(config.logFormat()).as(source).isEqualTo(LogFormat.JSON);
      assertThat(config.graphiqlEnabled()).as(source).isFalse();
    }
  }

  @Test
  void unreadableDotEnvStopsStartUpNamingTheFile() throws Exception {
    Files.createDirectory(dir.resolve(".env"));
    assertThatThrownBy(() -> load(Map.of()))
      .isInstanceOf(ConfigException.class).hasMessageContaining(".env: cannot be read");
  }

  /** A byte order mark, as Windows editors save UTF-8, is skipped in conf/config.json as it is in .env. */
  @Test
  void configFileWithAByteOrderMarkIsRead() throws Exception {
    Files.writeString(dir.resolve("config.json"), "\uFEFF{\"PORT\": 1111}\r\n");
    Files.writeString(dir.resolve(".env"), "\uFEFFCLERK_CLOCK_SKEW_SECONDS=8\r\n");
    JsonObject c = load(Map.of());
    assertThat(c.getValue("PORT").toString()).isEqualTo("1111");
    assertThat(c.getValue("CLERK_CLOCK_SKEW_SECONDS").toString()).isEqualTo("8");
  }

  /** Review: {@code "PORT": null} erased the default and the start said "PORT: is required". */
  @Test
  void aNullInTheConfigFileLeavesTheSettingToItsDefault() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"PORT\": null, \"CLERK_CLOCK_SKEW_SECONDS\": null}");
    JsonObject c = load(Map.of("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev"));
    assertThat(c.getValue("PORT").toString()).isEqualTo(Setting.PORT.defaultValue());
    assertThat(c.getValue("CLERK_CLOCK_SKEW_SECONDS").toString()).isEqualTo("5");
    assertThat(ServiceConfig.from(c, 96L << 20).http().port()).isEqualTo(Integer.parseInt(Setting.PORT.defaultValue()));
  }
}
