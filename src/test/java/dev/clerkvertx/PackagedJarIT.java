package dev.clerkvertx;

import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.JwksServer;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run in a clean directory with a clean environment, as a user would run it. */
@ExtendWith(VertxExtension.class)
class PackagedJarIT {
  static final Path JAR = Path.of("target", "clerk-vertx.jar").toAbsolutePath();

  @TempDir
  Path workDir;

  Process launch(Map<String, String> env) throws IOException {
    return launch(env, List.of());
  }

  Process launch(Map<String, String> env, List<String> jvmFlags) throws IOException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", JAR.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    // a free management port: several builds may share this machine
    pb.environment().putIfAbsent("MANAGEMENT_PORT", "0");
    pb.directory(workDir.toFile());
    pb.redirectOutput(workDir.resolve("stdout.txt").toFile());
    pb.redirectError(workDir.resolve("stderr.txt").toFile());
    return pb.start();
  }

  String output() throws IOException {
    return Files.readString(workDir.resolve("stdout.txt"), StandardCharsets.UTF_8)
      + Files.readString(workDir.resolve("stderr.txt"), StandardCharsets.UTF_8);
  }

  @Test
  void withoutClerkConfigurationExitsOneNamingTheVariables() throws Exception {
    Process p = launch(Map.of());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(output()).contains("CLERK_ISSUER_URL").contains("CLERK_PUBLISHABLE_KEY").doesNotContain("DEV MODE");
  }

  @Test
  void badValueExitsOneNamingTheVariable() throws Exception {
    Process p = launch(Map.of("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev", "CLERK_CLOCK_SKEW_SECONDS", "lots"));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(output()).contains("CLERK_CLOCK_SKEW_SECONDS");
  }

  @Test
  void acceptsTokensOfTheConfiguredIssuerAndRejectsOthers(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "ins_jar"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // a .env in the working directory is honoured, real variables win over it
    Files.writeString(workDir.resolve(".env"), "PORT=1\nCLERK_ISSUER_URL=" + jwks.baseUrl() + "\n");
    Process p = launch(Map.of("PORT", String.valueOf(port), "HTTP_INSTANCES", "2"));
    try {
      WebClient client = WebClient.create(vertx);
      int ready = 0;
      for (int i = 0; i < 300 && ready != 200; i++) {
        ready = Service.await(client.get(port, "127.0.0.1", "/ready").send()
          .map(r -> r.statusCode()).otherwise(0));
        if (ready != 200) {
          assertThat(p.isAlive()).as("jar still running: " + output()).isTrue();
          Thread.sleep(100);
        }
      }
      assertThat(ready).isEqualTo(200);
      MutableClock clock = MutableClock.atNow();
      String good = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("ins_jar"), Claims.valid(clock, jwks.baseUrl()));
      String forged = Tokens.rs256(TestKeys.RSA_B.getPrivate(), Claims.header("ins_jar"), Claims.valid(clock, jwks.baseUrl()));
      String otherIssuer = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("ins_jar"), Claims.valid(clock, "https://evil.dev"));
      assertThat(Service.await(client.get(port, "127.0.0.1", "/rest-endpoints/12345").bearerTokenAuthentication(good).send())
        .bodyAsString()).isEqualTo("REST Ping #12345!");
      for (String bad : List.of(forged, otherIssuer, "x.y.z")) {
        assertThat(Service.await(client.get(port, "127.0.0.1", "/rest-endpoints/1").bearerTokenAuthentication(bad).send())
          .statusCode()).isEqualTo(401);
      }
      assertThat(output()).doesNotContain("DEV MODE").doesNotContain(good.substring(good.length() - 30));
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * The JVM flags of the recommended plain-jar command in docs/production.md (SettingsTableTest checks
   * that every such command and the distribution's launcher agree).
   */
  static List<String> recommendedFlags() throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("java (-XX:[^\\n]*?) \\\\\n\\s*([^\\n]*?) -jar target/clerk-vertx.jar")
      .matcher(Files.readString(Path.of("docs", "production.md")));
    assertThat(m.find()).as("a recommended java command in docs/production.md").isTrue();
    return List.of((m.group(1) + " " + m.group(2)).strip().split("\\s+"));
  }

  @Test
  void aSessionCacheTheHeapCannotHoldIsCappedWithALogLineAndTheServiceServes(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    int port = freePort();
    Process p = launch(Map.of("CLERK_ISSUER_URL", jwks.baseUrl(), "PORT", String.valueOf(port),
      "TOKEN_CACHE_SIZE", "10000000"), recommendedFlags());
    try {
      awaitReady(vertx, p, port);
      String valid = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"), Claims.valid(MutableClock.atNow(), jwks.baseUrl()));
      assertThat(Service.await(WebClient.create(vertx).get(port, "127.0.0.1", "/rest-endpoints/3")
        .bearerTokenAuthentication(valid).send()).bodyAsString()).isEqualTo("REST Ping #3!");
      assertThat(output()).contains("TOKEN_CACHE_SIZE=10000000 needs about").contains("capped to about")
        .doesNotContain("ExitOnOutOfMemoryError is not set")
        .contains("Memory budget: ").contains("of 80.0 MiB (old generation, Tenured Gen");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void withoutExitOnOutOfMemoryErrorTheServiceSaysSoAtStart(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    int port = freePort();
    Process p = launch(Map.of("CLERK_ISSUER_URL", jwks.baseUrl(), "PORT", String.valueOf(port)));
    try {
      // the warning follows start-up: wait for it, not for a sign that start-up is done
      awaitOutput(p, "-XX:+ExitOnOutOfMemoryError is not set");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Waits until the process has written {@code text} (a minute at most), failing early if it exits. */
  void awaitOutput(Process p, String text) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (output().contains(text)) {
        return;
      }
      assertThat(p.isAlive()).as("jar still running: " + output()).isTrue();
      Thread.sleep(100);
    }
    assertThat(output()).as("output after a minute").contains(text);
  }

  /** Start-up failed: exit status 1 and one line, no stack trace. Answers the line. */
  String failedInOneLine(Process p) throws Exception {
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    List<String> lines = output().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(output()).hasSize(1);
    assertThat(lines.get(0)).startsWith("clerk-vertx: ");
    return lines.get(0);
  }

  @Test
  void aPortInUseIsOneLineNamingPortAtOnceBeforeAnyJwksFetch(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    jwks.delay(20_000);
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new java.net.InetSocketAddress("0.0.0.0", 0));
      Process p = launch(Map.of("CLERK_ISSUER_URL", jwks.baseUrl(), "PORT", String.valueOf(taken.getLocalPort())));
      assertThat(failedInOneLine(p)).isEqualTo("clerk-vertx: configuration error: PORT: " + taken.getLocalPort()
        + " is already in use on 0.0.0.0: another process listens there; stop it or set PORT to a free port");
    }
    assertThat(jwks.totalRequests()).isZero();
  }

  @Test
  void anUnknownNameInDotEnvIsOneLineNamingTheClosestSetting() throws Exception {
    Files.writeString(workDir.resolve(".env"), "CLERK_ISSUER_URL=https://a.clerk.accounts.dev\nCLERK_AUTHORIZED_PARTYS=http://localhost:3000\n");
    assertThat(failedInOneLine(launch(Map.of()))).isEqualTo("clerk-vertx: configuration error: .env: line 2: "
      + "CLERK_AUTHORIZED_PARTYS is not a setting of clerk-vertx; did you mean CLERK_AUTHORIZED_PARTIES?");
  }

  @Test
  void anUnreadableDotEnvIsOneLineNamingIt() throws Exception {
    Files.createDirectory(workDir.resolve(".env"));
    assertThat(failedInOneLine(launch(Map.of("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev"))))
      .startsWith("clerk-vertx: configuration error: .env: cannot be read");
  }

  @Test
  void logLevelFromDotEnvAppliesAndAnotherIssuersTokenIsLoggedWithBothIssuers(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    int port = freePort();
    Files.writeString(workDir.resolve(".env"), "LOG_LEVEL=debug\nCLERK_ISSUER_URL=" + jwks.baseUrl() + "\n");
    Process p = launch(Map.of("PORT", String.valueOf(port), "CLERK_AUTHORIZED_PARTY", "http://localhost:3000"));
    try {
      awaitReady(vertx, p, port);
      String other = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"),
        Claims.valid(MutableClock.atNow(), "https://other.clerk.accounts.dev"));
      WebClient client = WebClient.create(vertx);
      for (int i = 0; i < 2; i++) {
        assertThat(Service.await(client.get(port, "127.0.0.1", "/rest-endpoints/1").bearerTokenAuthentication(other).send())
          .statusCode()).isEqualTo(401);
      }
      awaitOutput(p, "DEBUG");
      awaitOutput(p, "the token's iss is \"https://other.clerk.accounts.dev\", CLERK_ISSUER_URL is " + jwks.baseUrl());
      assertThat(output()).contains("WARN").contains("Tokens from \"https://other.clerk.accounts.dev\" are refused: "
          + "CLERK_ISSUER_URL is " + jwks.baseUrl())
        .contains("Environment variable CLERK_AUTHORIZED_PARTY is ignored")
        .contains("CLERK_AUTHORIZED_PARTIES is not set");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  void awaitReady(Vertx vertx, Process p, int port) throws Exception {
    WebClient client = WebClient.create(vertx);
    int ready = 0;
    for (int i = 0; i < 300 && ready != 200; i++) {
      ready = Service.await(client.get(port, "127.0.0.1", "/ready").send().map(r -> r.statusCode()).otherwise(0));
      if (ready != 200) {
        assertThat(p.isAlive()).as("jar still running: " + output()).isTrue();
        Thread.sleep(100);
      }
    }
    assertThat(ready).isEqualTo(200);
  }

  @Test
  void sigtermLetsTheInFlightRequestFinishThenExitsZero(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    int port = freePort();
    Process p = launch(Map.of("CLERK_ISSUER_URL", jwks.baseUrl(), "PORT", String.valueOf(port), "HTTP_INSTANCES", "2"));
    try {
      awaitReady(vertx, p, port);
      // a slow request: its token names a rotated-in key, and the JWKS now takes 1.5 s to answer
      jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"), TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
      jwks.delay(1500);
      String rotated = Tokens.rs256(TestKeys.RSA_B.getPrivate(), Claims.header("kid-b"), Claims.valid(MutableClock.atNow(), jwks.baseUrl()));
      var inFlight = WebClient.create(vertx).get(port, "127.0.0.1", "/rest-endpoints/42").bearerTokenAuthentication(rotated).send();
      vertx.setTimer(400, t -> p.destroy());
      assertThat(Service.await(inFlight).bodyAsString()).isEqualTo("REST Ping #42!");
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(output()).contains("Stopping (SIGTERM or SIGINT): /ready answers 503").contains("clerk-vertx stopped");
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * LOG_FORMAT and LOG_LEVEL from .env or conf/config.json govern every line, the warning about a stray
   * environment variable included: it was logged while the configuration was read, before the merged
   * format and level applied, so it came out as a text line among JSON lines, and at WARN under LOG_LEVEL=error.
   */
  @Test
  void logFormatAndLevelFromTheFilesApplyToTheStrayVariableWarningToo(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    Map<String, String> env = Map.of("CLERK_ISSUER_URL", jwks.baseUrl(), "CLERK_AUTHORIZED_PARTY", "http://localhost:3000",
      "SHUTDOWN_DELAY_SECONDS", "0");

    int port = freePort();
    Files.writeString(workDir.resolve(".env"), "LOG_FORMAT=json\nPORT=" + port + "\n");
    Process p = launch(env);
    try {
      awaitReady(vertx, p, port);
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      List<String> lines = Files.readAllLines(workDir.resolve("stdout.txt")).stream().filter(l -> !l.isBlank()).toList();
      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).as(output()).startsWith("{\"time\":"));
      assertThat(lines).anySatisfy(line -> assertThat(new io.vertx.core.json.JsonObject(line).getString("message"))
        .startsWith("Environment variable CLERK_AUTHORIZED_PARTY is ignored"));
    } finally {
      p.destroyForcibly();
    }

    port = freePort();
    Files.delete(workDir.resolve(".env"));
    Files.createDirectories(workDir.resolve("conf"));
    Files.writeString(workDir.resolve("conf/config.json"), "{\"LOG_LEVEL\": \"error\", \"PORT\": " + port + "}");
    p = launch(env);
    try {
      awaitReady(vertx, p, port);
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(output()).doesNotContain("WARN").doesNotContain("CLERK_AUTHORIZED_PARTY is ignored");
    } finally {
      p.destroyForcibly();
    }
  }
}
