package dev.clerkvertx;

import ch.qos.logback.classic.Level;
import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.support.ForkedService;
import dev.clerkvertx.support.JwksServer;
import dev.clerkvertx.support.LogCapture;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What start-up says: the azp warning, and failures that name their setting at once. */
@ExtendWith(VertxExtension.class)
class StartUpTest {
  static Map<String, String> networkless() {
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", "https://clean-mole-12.clerk.accounts.dev");
    env.put("CLERK_JWT_KEY", TestKeys.pem(TestKeys.RSA_A));
    return env;
  }

  static boolean warnsAboutAuthorizedParties(Vertx vertx, Map<String, String> env, boolean devModeAllowed) {
    try (LogCapture log = new LogCapture(Application.class, Level.INFO)) {
      Service.start(vertx, env, MutableClock.atNow(), devModeAllowed);
      return log.lines(Level.WARN).stream().anyMatch(l -> l.startsWith("CLERK_AUTHORIZED_PARTIES is not set")
        && l.contains("CLERK_AUTHORIZED_PARTIES=https://app.example.com"));
    }
  }

  @Test
  void warnsWhenAuthorizedPartiesAreUnsetOutsideDevMode(Vertx vertx) {
    assertThat(warnsAboutAuthorizedParties(vertx, networkless(), false)).isTrue();
  }

  @Test
  void saysNothingOfAuthorizedPartiesWhenTheyAreSetOrInDevMode(Vertx vertx) {
    Map<String, String> env = networkless();
    env.put("CLERK_AUTHORIZED_PARTIES", "http://localhost:3000");
    assertThat(warnsAboutAuthorizedParties(vertx, env, false)).isFalse();
    assertThat(warnsAboutAuthorizedParties(vertx, Service.baseEnv(), true)).isFalse();
  }

  @Test
  void aPortInUseFailsAtOnceNamingPortBeforeAnyJwksFetch(Vertx vertx) throws Exception {
    assertTakenPortFailsAtOnceBeforeAnyJwksFetch(vertx, "PORT");
  }

  @Test
  void aManagementPortInUseFailsAtOnceNamingManagementPortBeforeAnyJwksFetch(Vertx vertx) throws Exception {
    assertTakenPortFailsAtOnceBeforeAnyJwksFetch(vertx, "MANAGEMENT_PORT");
  }

  /** Start-up with {@code setting} naming a port another process listens on: one message, no key fetched. */
  private static void assertTakenPortFailsAtOnceBeforeAnyJwksFetch(Vertx vertx, String setting) throws Exception {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      Map<String, String> env = Service.baseEnv();
      env.put("CLERK_ISSUER_URL", jwks.baseUrl());
      env.put(setting, String.valueOf(taken.getLocalPort()));
      assertThatThrownBy(() -> Service.start(vertx, env, MutableClock.atNow()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(setting + ": " + taken.getLocalPort() + " is already in use on 0.0.0.0: another process "
          + "listens there; stop it or set " + setting + " to a free port");
    }
    assertThat(jwks.totalRequests()).isZero();
  }

  @Test
  void aPortInUseInDevModeFailsNamingPort(Vertx vertx) throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      Map<String, String> env = Service.baseEnv();
      env.put("PORT", String.valueOf(taken.getLocalPort()));
      assertThatThrownBy(() -> Service.start(vertx, env, MutableClock.atNow(), true))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PORT").hasMessageContaining("already in use on 127.0.0.1");
    }
  }

  /**
   * A class missing at start (a stale build, a classpath cut short) is an Error, not an exception: it
   * too is one line and exit 1, where it used to end only the main thread and leave the process up.
   */
  @Test
  void anErrorAtStartIsOneLineAndExitOneNotAProcessLeftRunning(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes");
    List<String> rest = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (Path.of(entry).endsWith(Path.of("target", "classes"))) {
        copyTree(Path.of(entry), classes);
      } else {
        rest.add(entry);
      }
    }
    Files.delete(classes.resolve("dev/clerkvertx/api/NoteRoutes.class"));
    rest.add(0, classes.toString());
    // a Clerk instance that needs no network, so that start-up gets as far as building the API
    Map<String, String> env = Map.of("MANAGEMENT_PORT", "0", "PORT", "0",
      "CLERK_ISSUER_URL", "https://clean-mole-12.clerk.accounts.dev", "CLERK_JWT_KEY", TestKeys.pem(TestKeys.RSA_A),
      "CLERK_AUTHORIZED_PARTIES", "http://localhost:3000");
    try (ForkedService broken = ForkedService.start(dir, List.of(), env, String.join(File.pathSeparator, rest))) {
      assertThat(broken.awaitExit()).isEqualTo(1);
      assertThat(broken.output().strip()).isEqualTo("clerk-vertx: failed to start: NoClassDefFoundError: "
        + "dev/clerkvertx/api/NoteRoutes (LOG_LEVEL=DEBUG shows more)");
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  @Test
  void everyStartUpFailureIsOneLine() {
    assertThat(Main.describe(new ConfigException("PORT", "8080 is already in use")))
      .isEqualTo("configuration error: PORT: 8080 is already in use");
    assertThat(Main.describe(new RuntimeException("deploy failed", new BindException("Address already in use"))))
      .isEqualTo("cannot listen (Address already in use): another process may hold the port; set PORT or "
        + "MANAGEMENT_PORT to a free one");
    assertThat(Main.describe(new IllegalStateException("first\nsecond")))
      .isEqualTo("failed to start: IllegalStateException: first (LOG_LEVEL=DEBUG shows more)");
  }
}
