package dev.clerkvertx.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's heap flags with a heap size of the user's own in {@code JAVA_OPTS} (review): the launcher
 * put its {@code -Xms32m -Xmx… -Xmn…} before it, so {@code JAVA_OPTS=-Xmx24m} did not start ("Initial
 * heap size set to a larger value than the maximum heap size") and {@code JAVA_OPTS=-Xmx256m} in a 4 GiB
 * container kept {@code -Xmn336m}: a young generation of nearly the whole heap. Each case runs this JDK's
 * {@code java} with the flags the launcher prints followed by {@code JAVA_OPTS}, as the launcher does.
 */
class LauncherHeapTest {
  static final long GIB = 1L << 30;

  static String run(List<String> command, String javaOpts) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA_OPTS", javaOpts);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s with JAVA_OPTS=%s: %s", command, javaOpts, out).isZero();
    return out;
  }

  /** The JVM's final flags when started as the launcher starts it, for {@code memory} bytes. */
  static String jvmStartedWith(String javaOpts, long memory) throws IOException, InterruptedException {
    String flags = run(List.of("sh", "src/dist/bin/clerk-vertx", "--jvm-flags", String.valueOf(memory)), javaOpts);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(flags.strip().split("\\s+")));
    command.addAll(Arrays.asList(javaOpts.split("\\s+")));
    command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
    return run(command, "");
  }

  static long flag(String printed, String name) {
    Matcher m = Pattern.compile("\\b" + name + "\\s+=\\s+(\\d+)").matcher(printed);
    assertThat(m.find()).as(name).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void aSmallHeapOfTheUsersOwnStarts() throws Exception {
    String jvm = jvmStartedWith("-Xmx24m", 256L << 20);
    assertThat(flag(jvm, "MaxHeapSize")).isEqualTo(24L << 20);
  }

  @Test
  void aSmallerHeapOfTheUsersOwnKeepsAnOldGeneration() throws Exception {
    String jvm = jvmStartedWith("-Xmx256m", 4 * GIB);
    long heap = flag(jvm, "MaxHeapSize");
    assertThat(heap).isEqualTo(256L << 20);
    assertThat(flag(jvm, "MaxNewSize")).as("young generation of a 256 MiB heap").isLessThanOrEqualTo(heap / 2);
  }

  @Test
  void withoutOneTheLauncherSizesTheHeapFromTheMemory() throws Exception {
    String jvm = jvmStartedWith("-Dx=1", 4 * GIB);
    assertThat(flag(jvm, "MaxHeapSize")).isEqualTo((4 * 1024 / 2 - 32) * (1L << 20));
    assertThat(flag(jvm, "MaxNewSize")).isEqualTo((4 * 1024 / 2 - 32) / 6 * (1L << 20));
  }
}
