package dev.clerkvertx;

import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.JwksServer;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution `./mvnw package` builds (target/clerk-vertx-VERSION/), unpacked elsewhere and
 * started through its launcher with nothing from this machine: no JAVA_HOME, no java on PATH.
 */
@ExtendWith(VertxExtension.class)
class DistributionIT {
  @TempDir
  static Path unpacked;
  static Path home;

  @BeforeAll
  static void copyTheDistribution() throws IOException {
    Path built;
    try (Stream<Path> dirs = Files.list(Path.of("target"))) {
      built = dirs.filter(d -> d.getFileName().toString().startsWith("clerk-vertx-"))
        .filter(d -> Files.isExecutable(d.resolve("bin/clerk-vertx"))).findFirst()
        .orElseThrow(() -> new AssertionError("no distribution in target/: ./mvnw package builds it"));
    }
    home = unpacked.resolve(built.getFileName());
    try (Stream<Path> files = Files.walk(built)) {
      for (Path p : files.toList()) {
        // attributes kept: the AppCDS archive checks the jar's size and modification time
        Files.copy(p, home.resolve(built.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  Process launch(Map<String, String> env, Path output) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/clerk-vertx").toString());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.directory(unpacked.toFile());
    pb.redirectErrorStream(true).redirectOutput(output.toFile());
    return pb.start();
  }

  static int ready(Vertx vertx, int port) {
    return Service.await(WebClient.create(vertx).get(port, "127.0.0.1", "/ready").send()
      .map(r -> r.statusCode()).otherwise(0));
  }

  static void awaitReady(Vertx vertx, Process p, int port, Path output) throws Exception {
    for (int i = 0; i < 600 && ready(vertx, port) != 200; i++) {
      assertThat(p.isAlive()).as("launcher still running: " + Files.readString(output)).isTrue();
      Thread.sleep(100);
    }
    assertThat(ready(vertx, port)).isEqualTo(200);
  }

  @Test
  void withAnEmptyEnvironmentItServesDrainsOnSigtermExitsZeroAndLogsJsonLines(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    int port = freePort();
    // the configuration comes from the distribution's own directory: the environment is empty
    Path dotEnv = home.resolve(".env");
    Files.writeString(dotEnv, "CLERK_ISSUER_URL=" + jwks.baseUrl() + "\nPORT=" + port
      + "\nMANAGEMENT_PORT=" + freePort() + "\nSHUTDOWN_DELAY_SECONDS=2\nLOG_FORMAT=json\nACCESS_LOG=true\n");
    Path output = unpacked.resolve("empty-env.log");
    Process p = launch(Map.of(), output);
    try {
      awaitReady(vertx, p, port, output);
      // the launcher exec'd the bundled runtime: same process, no installed Java involved
      assertThat(p.info().command().orElse("")).isEqualTo(home.resolve("runtime/bin/java").toString());
      String token = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"),
        Claims.valid(MutableClock.atNow(), jwks.baseUrl()));
      assertThat(Service.await(WebClient.create(vertx).get(port, "127.0.0.1", "/rest-endpoints/9")
        .bearerTokenAuthentication(token).send()).bodyAsString()).isEqualTo("REST Ping #9!");

      p.destroy(); // SIGTERM
      // the drain: /ready turns 503 at once, the listener keeps answering for SHUTDOWN_DELAY_SECONDS
      int during = 0;
      for (int i = 0; i < 50 && during != 503; i++) {
        during = ready(vertx, port);
        Thread.sleep(20);
      }
      assertThat(during).isEqualTo(503);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();

      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
      assertThat(lines).isNotEmpty();
      List<JsonObject> events = lines.stream().map(JsonObject::new).toList();
      for (JsonObject e : events) {
        assertThat(e.fieldNames()).contains("time", "level", "logger", "message");
      }
      assertThat(events).anySatisfy(e -> assertThat(e.getString("message")).startsWith("Stopping (SIGTERM or SIGINT)"));
      assertThat(events).anySatisfy(e -> assertThat(e.getString("message")).isEqualTo("clerk-vertx stopped"));
      assertThat(events).anySatisfy(e -> {
        assertThat(e.getString("logger")).isEqualTo("clerk.access");
        assertThat(e.getString("path")).isEqualTo("/rest-endpoints/9");
        assertThat(e.getValue("status")).isEqualTo(200);
      });
      assertThat(String.join("\n", lines)).doesNotContain(token.substring(token.length() - 20))
        .doesNotContain("ExitOnOutOfMemoryError is not set");
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(dotEnv);
    }
  }

  /** The distribution started against a local JWKS with these JAVA_OPTS, and ready; its output in {@code log}. */
  record Started(Process process, Path output) {
  }

  Started startReady(Vertx vertx, String log, String javaOpts) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    int port = freePort();
    Path output = unpacked.resolve(log);
    Process p = launch(Map.of("CLERK_ISSUER_URL", jwks.baseUrl(), "PORT", String.valueOf(port),
      "MANAGEMENT_PORT", String.valueOf(freePort()), "SHUTDOWN_DELAY_SECONDS", "0", "JAVA_OPTS", javaOpts), output);
    try {
      awaitReady(vertx, p, port, output);
    } catch (Exception | AssertionError e) {
      p.destroyForcibly();
      throw e;
    }
    return new Started(p, output);
  }

  /** SIGTERM; the exit status is 0; the whole output. */
  static String stop(Started started) throws Exception {
    try {
      started.process().destroy();
      assertThat(started.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(started.output());
      assertThat(started.process().exitValue()).as(output).isZero();
      return output;
    } finally {
      started.process().destroyForcibly();
    }
  }

  @Test
  void theAppCdsArchiveMapsWhereverTheDistributionIsUnpacked(Vertx vertx) throws Exception {
    // -Xshare:on: the JVM refuses to start unless the archive maps
    stop(startReady(vertx, "cds.log", "-Xshare:on"));
  }

  /**
   * Corretto's native library is loaded from the distribution's lib/, where the package unpacked it: with
   * the provider's temporary directory made unusable (where it would otherwise copy the library out of
   * the jar at every start), Corretto still verifies.
   */
  @Test
  void correttoLoadsItsNativeLibraryFromTheDistributionNotFromACopy(Vertx vertx) throws Exception {
    Path notADirectory = Files.writeString(unpacked.resolve("not-a-directory"), "");
    String output = stop(startReady(vertx, "corretto.log", "-Dcom.amazon.corretto.crypto.provider.tmpdir=" + notADirectory));
    assertThat(output).contains("RS256 signatures verified by AmazonCorrettoCryptoProvider").doesNotContain("the JDK verifies");
  }

  /**
   * A SIGTERM the moment /ready first answers 200 (a rolling restart or a scale-down meeting a pod that
   * has just become ready) drains and exits 0. The shutdown hook was registered after the start had
   * completed, which now includes binding the JVM meters after the listeners open: a signal in between
   * ended the JVM with 143, no drain, requests in flight cut, and a stack trace ("Shutdown in progress")
   * from main. The window is some tens of milliseconds, so the signal is sent in several rounds (the old
   * distribution failed in 1 to 2 rounds of 6 here).
   */
  @Test
  void aSigtermTheMomentReadyFirstAnswersDrainsAndExitsZero(Vertx vertx) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
      .connectTimeout(java.time.Duration.ofSeconds(1)).build();
    for (int round = 0; round < 12; round++) {
      int port = freePort();
      Path output = unpacked.resolve("early-sigterm-" + round + ".log");
      Process p = launch(Map.of("CLERK_ISSUER_URL", jwks.baseUrl(), "PORT", String.valueOf(port),
        "MANAGEMENT_PORT", String.valueOf(freePort()), "SHUTDOWN_DELAY_SECONDS", "0"), output);
      try {
        java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + port + "/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean up = false;
        while (!up && p.isAlive() && System.nanoTime() < deadline) {
          try {
            up = client.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          } catch (IOException notListeningYet) {
            Thread.sleep(1);
          }
        }
        assertThat(up).as("ready: " + Files.readString(output)).isTrue();
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(output);
        assertThat(p.exitValue()).as("round " + round + ": " + log).isZero();
        assertThat(log).contains("clerk-vertx stopped").doesNotContain("Exception in thread");
      } finally {
        p.destroyForcibly();
      }
    }
  }
}
