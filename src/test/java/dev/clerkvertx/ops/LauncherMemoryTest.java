package dev.clerkvertx.ops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory the launcher sizes the JVM for (review): the size {@code --jvm-flags} is given, and what it
 * does with it. Each case runs the real script with a POSIX shell: {@code sh} (dash on Debian) and
 * {@code bash --posix}.
 */
class LauncherMemoryTest {
  static final String SCRIPT = "src/dist/bin/clerk-vertx";

  record Run(int status, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Run launcher(String shell, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(Arrays.asList(shell.split(" ")));
    command.add(SCRIPT);
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("JAVA_OPTS");
    builder.environment().putAll(env);
    Process p = builder.start();
    // a few hundred bytes each: neither pipe fills while the other is read
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }

  static Run flags(String shell, String size) throws IOException, InterruptedException {
    return launcher(shell, Map.of(), "--jvm-flags", size);
  }

  /** Bug: {@code --jvm-flags 1g} died with a shell arithmetic error. */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void aSizeWithAUnitIsThoseBytes(String shell) throws Exception {
    Run bytes = flags(shell, String.valueOf(1L << 30));
    assertThat(bytes.status()).as(bytes.err()).isZero();
    assertThat(bytes.out()).contains("-Xmx480m");
    for (String size : List.of("1g", "1G", "1Gi", "1024m", "1024M", "1024Mi", "1048576k", "1048576K", "1048576Ki", "01g")) {
      Run run = flags(shell, size);
      assertThat(run.status()).as(size + ": " + run.err()).isZero();
      assertThat(run.err()).as(size).isEmpty();
      assertThat(run.out()).as(size).isEqualTo(bytes.out());
    }
    // the README's flags, however 256 MiB is written
    for (String size : List.of("256m", "256Mi", "262144k", String.valueOf(256L << 20))) {
      assertThat(flags(shell, size).out()).as(size).contains("-Xmx96m -Xmn16m");
    }
  }

  /** Bug: {@code --jvm-flags abc} printed the flags of a 32 MiB heap. */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void anythingButASizeIsRefusedInOneLineWithStatusTwo(String shell) throws Exception {
    for (String size : List.of("abc", "", "1.5g", "1gb", "1 g", " 1g", "-1", "0x10", "1e9", "g", "12q",
      "99999999999999999999", "1T", "1024g", "1099511627776")) {
      Run run = flags(shell, size);
      assertThat(run.status()).as("'%s': %s", size, run).isEqualTo(2);
      assertThat(run.out()).as(size).isEmpty();
      assertThat(run.errLines()).as(size).singleElement().asString()
        .startsWith("clerk-vertx: --jvm-flags expects").contains("'" + size + "'");
    }
    Run two = launcher(shell, Map.of(), "--jvm-flags", "1g", "2g");
    assertThat(two.status()).isEqualTo(2);
    assertThat(two.errLines()).singleElement().asString().startsWith("clerk-vertx: --jvm-flags expects");
  }
}
