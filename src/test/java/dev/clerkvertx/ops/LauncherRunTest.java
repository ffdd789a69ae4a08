package dev.clerkvertx.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's start path (review), not only {@code --jvm-flags}: a distribution tree in a temporary directory
 * whose {@code runtime/bin/java} is a shell script printing its process id, its working directory and its
 * arguments, so each case sees what the JVM would be started with, where, and whether it replaced the launcher.
 * The cgroup files are an empty fake tree (CLERK_VERTX_TEST_FS_ROOT): 256 MiB assumed, whatever this machine has.
 */
class LauncherRunTest {
  static final String STUB = """
    #!/bin/sh
    echo "pid $$"
    echo "cwd $(pwd -P)"
    for a in "$@"; do echo "arg $a"; done
    """;

  @org.junit.jupiter.api.io.TempDir
  Path dir;

  record Started(long pid, int status, List<String> out, String err) {
    String cwd() {
      return out.stream().filter(l -> l.startsWith("cwd ")).findFirst().orElseThrow(() -> new AssertionError(this)).substring(4);
    }

    List<String> args() {
      return out.stream().filter(l -> l.startsWith("arg ")).map(l -> l.substring(4)).toList();
    }

    long javaPid() {
      return Long.parseLong(out.stream().filter(l -> l.startsWith("pid ")).findFirst().orElseThrow(() -> new AssertionError(this))
        .substring(4));
    }
  }

  Path noCgroups;

  @BeforeEach
  void emptyCgroupTree() throws IOException {
    noCgroups = Files.createDirectories(dir.resolve("no-cgroups"));
  }

  /** A distribution under {@code home}: the real launcher, the stub java, an (empty) class-data archive. */
  static Path distribution(Path home) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("runtime/bin"));
    Files.createDirectories(home.resolve("lib"));
    Files.createDirectories(home.resolve("conf"));
    Path launcher = Files.copy(Path.of(LauncherMemoryTest.SCRIPT), home.resolve("bin/clerk-vertx"));
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path java = Files.writeString(home.resolve("runtime/bin/java"), STUB);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("lib/clerk-vertx.jsa"), "");
    Files.writeString(home.resolve("lib/clerk-vertx.jar"), "");
    return home;
  }

  Started start(Path cwd, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    builder.environment().remove("JAVA_OPTS");
    builder.environment().remove("CDPATH");
    builder.environment().put("CLERK_VERTX_TEST_FS_ROOT", noCgroups.toString());
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Started(p.pid(), p.waitFor(), out.lines().toList(), err);
  }

  static List<String> shell(String shell, String... rest) {
    List<String> command = new ArrayList<>(Arrays.asList(shell.split(" ")));
    command.addAll(Arrays.asList(rest));
    return command;
  }

  /** The flags --jvm-flags prints, then the start-up flags, JAVA_OPTS and the jar: all of them options. */
  static void startedAsPrinted(Started started, Path home, String shell, String... appArgs) throws IOException, InterruptedException {
    assertThat(started.status()).as("%s", started).isZero();
    assertThat(started.err()).isEmpty();
    assertThat(Path.of(started.cwd())).isEqualTo(home.toRealPath());
    List<String> args = started.args();
    int jar = args.indexOf("-jar");
    assertThat(jar).as("%s", args).isPositive();
    List<String> tail = new ArrayList<>(List.of("-jar", "lib/clerk-vertx.jar"));
    tail.addAll(List.of(appArgs));
    assertThat(args.subList(jar, args.size())).isEqualTo(tail);
    // every word before -jar an option: a stray word would be taken for the main class
    assertThat(args.subList(0, jar)).as("%s", args).allMatch(a -> a.startsWith("-"));
    assertThat(args).anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=") && Files.isRegularFile(home.resolve(a.substring(a.indexOf('=') + 1))));
    String printed = LauncherMemoryTest.launcher(shell, Map.of("CLERK_VERTX_TEST_FS_ROOT", "/nonexistent"), "--jvm-flags", "256Mi").out();
    assertThat(String.join(" ", args)).startsWith(printed.strip() + " ");
  }

  /**
   * The JVM replaces the launcher (exec: same process id, so it gets the signals) and starts with the flags
   * --jvm-flags prints; the distribution's own directory is its working directory.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void theJvmReplacesTheLauncherWithThePrintedFlags(String shell) throws Exception {
    Path home = distribution(dir.resolve("clerk-vertx"));
    Started started = start(dir, Map.of(), shell(shell, home.resolve("bin/clerk-vertx").toString(), "x y"));
    assertThat(started.javaPid()).isEqualTo(started.pid());
    startedAsPrinted(started, home, shell, "x y");
  }

  /**
   * Bug: unpacked under a directory with a blank in its name, the class-data archive's flag was split in two
   * (it named $APP_HOME, unquoted): the JVM took the second half for the main class and did not start.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void aDirectoryWithBlanksInItsNameStarts(String shell) throws Exception {
    Path home = distribution(dir.resolve("my apps/clerk vertx"));
    startedAsPrinted(start(dir, Map.of(), shell(shell, home.resolve("bin/clerk-vertx").toString())), home, shell);
  }

  /**
   * Bug: started as {@code sh clerk-vertx} where clerk-vertx is a relative symbolic link in the working
   * directory, the link was resolved against "clerk-vertx/" (bash: cd failed; dash: the wrong directory);
   * through a symbolic link to the bin directory, ".." was taken logically (the link's parent, not the
   * distribution's).
   */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void startedThroughSymbolicLinksItFindsItsDistribution(String shell) throws Exception {
    Path home = distribution(dir.resolve("opt/clerk-vertx-1"));
    Path links = Files.createDirectories(dir.resolve("links"));
    Files.createSymbolicLink(links.resolve("cv"), Path.of("../opt/clerk-vertx-1/bin/clerk-vertx"));
    Files.createSymbolicLink(links.resolve("cv2"), Path.of("cv"));
    Files.createSymbolicLink(links.resolve("bin"), home.resolve("bin"));
    for (String link : List.of("cv", "cv2", "./cv", links.resolve("cv2").toString(), "bin/clerk-vertx",
      links.resolve("bin/clerk-vertx").toString())) {
      startedAsPrinted(start(links, Map.of(), shell(shell, link)), home, shell);
    }
  }

  /** Bug: with CDPATH set (exported by some profiles), cd could land elsewhere and print the directory into APP_HOME. */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void cdpathDoesNotMoveIt(String shell) throws Exception {
    Path home = distribution(dir.resolve("clerk-vertx"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/bin"));
    startedAsPrinted(start(home, Map.of("CDPATH", elsewhere.getParent().toString()), shell(shell, "bin/clerk-vertx")), home, shell);
  }

  /** JAVA_OPTS is split into words but never matched against file names (the working directory is the distribution's). */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void javaOptsWordsAreNotFileNamePatterns(String shell) throws Exception {
    Path home = distribution(dir.resolve("clerk-vertx"));
    Started started = start(dir, Map.of("JAVA_OPTS", "-Dx=1 -Dpattern=[a-z]* *"), shell(shell, home.resolve("bin/clerk-vertx").toString()));
    assertThat(started.status()).as("%s", started).isZero();
    List<String> args = started.args();
    assertThat(args.subList(args.size() - 5, args.size())).containsExactly("-Dx=1", "-Dpattern=[a-z]*", "*", "-jar", "lib/clerk-vertx.jar");
  }

  /**
   * Corretto's native library, unpacked into lib/ at package time, is loaded from there (no copy of 9 MiB
   * out of the jar at every start); without the file, or with a library path of the user's own, the
   * provider is left to load it as the jar has it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void theProviderLoadsItsNativeLibraryFromLibWhereThePackageUnpackedIt(String shell) throws Exception {
    Path home = distribution(dir.resolve("clerk-vertx"));
    String external = "-Dcom.amazon.corretto.crypto.provider.useExternalLib=true";
    List<String> launcher = shell(shell, home.resolve("bin/clerk-vertx").toString());
    assertThat(start(dir, Map.of(), launcher).args()).doesNotContain(external);
    Files.writeString(home.resolve("lib/libamazonCorrettoCryptoProvider.so"), "");
    Started unpacked = start(dir, Map.of(), launcher);
    assertThat(unpacked.args()).contains(external, "-Djava.library.path=lib");
    startedAsPrinted(unpacked, home, shell);
    List<String> own = start(dir, Map.of("JAVA_OPTS", "-Djava.library.path=/opt/native"), launcher).args();
    assertThat(own).doesNotContain(external, "-Djava.library.path=lib").contains("-Djava.library.path=/opt/native");
    // review: the user's own useExternalLib=true alone dropped the library path too, and the JDK verified
    List<String> external2 = start(dir, Map.of("JAVA_OPTS", external), launcher).args();
    assertThat(external2).contains("-Djava.library.path=lib");
    assertThat(external2.lastIndexOf(external)).isGreaterThan(external2.indexOf("-Djava.library.path=lib"));
  }
}
