package dev.clerkvertx.ops;

import dev.clerkvertx.support.ForkedService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory the launcher sizes the JVM for (review): the size {@code --jvm-flags} is given or the limit it
 * finds in the cgroup files (a fake tree here, through the launcher's test-only CLERK_VERTX_TEST_FS_ROOT),
 * and what it does with it. Each case runs the real script with a POSIX shell: {@code sh} (dash on Debian)
 * and {@code bash --posix}.
 */
class LauncherMemoryTest {
  static final String SCRIPT = "src/dist/bin/clerk-vertx";
  /** The least memory the launcher starts the service in (docs/production.md). */
  static final long MINIMUM_MIB = 208;
  /**
   * What is neither heap, direct memory nor code cache, in MiB: metaspace, the class-data archive, thread
   * stacks, GC and malloc. K8sManifestsTest's figure: anonymous memory other than heap, code cache and
   * direct buffers measured 60-67 MiB under load and the hostile drill, at -Xmx96m, -Xmx72m and -Xmx64m.
   */
  static final long REST_MIB = 64;

  @TempDir
  Path dir;

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

  /**
   * The launcher as it runs in a machine whose /proc/self/cgroup and /sys/fs/cgroup are those under {@code root}
   * (an environment variable of the launcher's, for these tests only).
   */
  static Run in(Path root, String shell, String... args) throws IOException, InterruptedException {
    return launcher(shell, Map.of("CLERK_VERTX_TEST_FS_ROOT", root.toString()), args);
  }

  /** Writes {@code text} to {@code root}/{@code path}, making the directories. */
  static Path write(Path root, String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  static String expected(String shell, long bytes) throws IOException, InterruptedException {
    Run run = flags(shell, String.valueOf(bytes));
    assertThat(run.status()).as(run.err()).isZero();
    return run.out();
  }

  static Run flags(String shell, String size) throws IOException, InterruptedException {
    return launcher(shell, Map.of(), "--jvm-flags", size);
  }

  static long megabytes(String flags, String flag) {
    Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(flag) + "(\\d+)m(?:\\s|$)").matcher(flags);
    assertThat(m.find()).as(flag + " in " + flags).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The final flags of this JDK's java started with {@code flags} (it must start). */
  static String jvm(String flags) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(flags.strip().split("\\s+")));
    command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
    return LauncherHeapTest.run(command, "");
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

  /**
   * Bug: small limits got flags asking for more than the limit (a 32 MiB heap floor beside 32 MiB of direct
   * memory and 48 of code cache: 112 MiB before the rest; with it, every limit under 224 MiB), so the
   * container would be OOM-killed under load. Every size the launcher accepts gets heap + direct memory +
   * code cache + the rest within it, a heap the service starts with, and flags a JVM starts with.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void fromTheMinimumUpTheFlagsFitTheMemoryAndStart(String shell) throws Exception {
    for (long mib : new long[] {MINIMUM_MIB, 210, 223, 224, 225, 240, 256, 300, 384, 512, 1024, 4096, 65536}) {
      Run run = flags(shell, String.valueOf(mib << 20));
      assertThat(run.status()).as(mib + " MiB: " + run.err()).isZero();
      assertThat(run.err()).as(mib + " MiB").isEmpty();
      long heap = megabytes(run.out(), "-Xmx");
      long total = heap + megabytes(run.out(), "-XX:MaxDirectMemorySize=") + megabytes(run.out(), "-XX:ReservedCodeCacheSize=")
        + REST_MIB;
      assertThat(total).as("%d MiB: %s", mib, run.out()).isLessThanOrEqualTo(mib);
      assertThat(heap).as("%d MiB: a heap the service's pools fit", mib).isGreaterThanOrEqualTo(72);
      String jvm = jvm(run.out());
      assertThat(LauncherHeapTest.flag(jvm, "MaxHeapSize")).as(run.out()).isEqualTo(heap << 20);
      assertThat(LauncherHeapTest.flag(jvm, "MaxNewSize")).as(run.out()).isEqualTo(megabytes(run.out(), "-Xmn") << 20);
    }
    // the README's flags, the Kubernetes manifests' 256Mi
    assertThat(flags(shell, "256Mi").out().strip()).isEqualTo(String.join(" ", MemoryBudgetTest.README_FLAGS));
  }

  /** Bug, continued: under the minimum the launcher says so in one line and does not start (exit 1). */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void underTheMinimumItRefusesToStartInOneLine(String shell) throws Exception {
    // in bytes, as the launcher has always taken them
    for (long bytes : new long[] {0, 1024, 64L << 20, 100L << 20, 128L << 20, 192L << 20, (MINIMUM_MIB << 20) - 1}) {
      Run run = flags(shell, String.valueOf(bytes));
      assertThat(run.status()).as("%d: %s", bytes, run).isEqualTo(1);
      assertThat(run.out()).as("%d", bytes).isEmpty();
      assertThat(run.errLines()).as("%d", bytes).singleElement().asString()
        .startsWith("clerk-vertx: " + (bytes >> 20) + " MiB of memory (--jvm-flags " + bytes + ")")
        .contains("under the " + MINIMUM_MIB + " MiB the service needs").contains("not starting");
    }
  }

  /** With a heap size of JAVA_OPTS' own the user has sized the JVM: a warning, and the JVM starts. */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void underTheMinimumAHeapOfTheUsersOwnStartsWithAWarning(String shell) throws Exception {
    Run run = launcher(shell, Map.of("JAVA_OPTS", "-Xmx48m"), "--jvm-flags", String.valueOf(128L << 20));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.errLines()).singleElement().asString()
      .startsWith("clerk-vertx: 128 MiB of memory (--jvm-flags " + (128L << 20) + ") is under the " + MINIMUM_MIB + " MiB")
      .contains("starting anyway");
    assertThat(run.out()).doesNotContain("-Xm");
    assertThat(LauncherHeapTest.flag(jvm(run.out() + " -Xmx48m"), "MaxHeapSize")).isEqualTo(48L << 20);
  }

  /** Whether the boolean JVM flag {@code name} is on in {@code -XX:+PrintFlagsFinal}'s output. */
  static boolean on(String printed, String name) {
    Matcher m = Pattern.compile("\\b" + name + "\\s+=\\s+(true|false)").matcher(printed);
    assertThat(m.find()).as(name).isTrue();
    return Boolean.parseBoolean(m.group(1));
  }

  /**
   * Bug: JAVA_OPTS was searched for " -Xmx" and " -XX:+Use...GC " with blanks around, so options on lines of
   * their own (a YAML block, {@code JAVA_OPTS: |}) or after a tab were missed: with {@code -XX:+UseG1GC} the
   * launcher added {@code -XX:+UseSerialGC} and the JVM refused to start ("Multiple garbage collectors
   * selected"); a heap size of its own was not one (flags kept, refused under the minimum). And
   * {@code -XX:+UseNUMA -XX:+DisableExplicitGC} was taken for a collector: the serial one was dropped, the JVM
   * chose its own. The JVM gets JAVA_OPTS word by word (split on blanks, tabs and newlines alike); so does the
   * launcher now.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void javaOptsAreReadWordByWordAsTheJvmGetsThem(String shell) throws Exception {
    String javaOpts = "-XX:+UseG1GC\n-Xmx512m\n";
    Run run = launcher(shell, Map.of("JAVA_OPTS", javaOpts), "--jvm-flags", "1g");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("-XX:+UseSerialGC").doesNotContain("-Xm");
    String jvm = jvm(run.out() + " " + javaOpts);
    assertThat(on(jvm, "UseG1GC")).isTrue();
    assertThat(LauncherHeapTest.flag(jvm, "MaxHeapSize")).isEqualTo(512L << 20);

    Run tab = launcher(shell, Map.of("JAVA_OPTS", "-Dx=1\t-Xmx48m"), "--jvm-flags", "128m");
    assertThat(tab.status()).as(tab.err()).isZero();
    assertThat(tab.err()).contains("starting anyway");
    assertThat(tab.out()).doesNotContain("-Xm");

    // MaxRAMFraction (deprecated, still read by Java 17) is a heap size of its own too
    assertThat(launcher(shell, Map.of("JAVA_OPTS", "-XX:MaxRAMFraction=2"), "--jvm-flags", "1g").out()).doesNotContain("-Xm");

    for (String notACollector : List.of("-XX:+UseNUMA -XX:+DisableExplicitGC", "-XX:+UseStringDeduplication -XX:+PrintGC")) {
      Run other = launcher(shell, Map.of("JAVA_OPTS", notACollector), "--jvm-flags", "1g");
      assertThat(other.out()).as(notACollector).startsWith("-XX:+UseSerialGC ");
    }
    assertThat(on(jvm(launcher(shell, Map.of("JAVA_OPTS", "-XX:+UseNUMA -XX:+DisableExplicitGC"), "--jvm-flags", "1g").out()),
      "UseSerialGC")).isTrue();
    for (String collector : List.of("-XX:+UseParallelGC", "-XX:+UseZGC", "-Dx=1 -XX:+UseSerialGC")) {
      assertThat(launcher(shell, Map.of("JAVA_OPTS", collector), "--jvm-flags", "1g").out()).as(collector)
        .doesNotContain("-XX:+UseSerialGC");
    }
  }

  /**
   * Bug: the JVM also takes options from JDK_JAVA_OPTIONS (the java launcher) and JAVA_TOOL_OPTIONS (agents
   * and platforms set it), and the launcher did not look at them: {@code JAVA_TOOL_OPTIONS=-XX:+UseG1GC} with
   * its {@code -XX:+UseSerialGC} did not start ("Multiple garbage collectors selected"), and a heap size there
   * was silently replaced by the launcher's -Xmx (the command line comes after them). They count as JAVA_OPTS.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void theJvmsOwnOptionVariablesCountLikeJavaOpts(String shell) throws Exception {
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
      Run run = launcher(shell, Map.of(variable, "-XX:+UseG1GC -Xmx300m"), "--jvm-flags", "1g");
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out()).as(variable).doesNotContain("-XX:+UseSerialGC").doesNotContain("-Xm");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(Arrays.asList(run.out().strip().split("\\s+")));
      command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put(variable, "-XX:+UseG1GC -Xmx300m");
      Process p = builder.start();
      String jvm = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("%s: %s", variable, jvm).isZero();
      assertThat(on(jvm, "UseG1GC")).isTrue();
      assertThat(LauncherHeapTest.flag(jvm, "MaxHeapSize")).isEqualTo(300L << 20);
    }
  }

  /**
   * The minimum is not below what the service itself needs: with the launcher's flags for it, the service
   * starts at its default settings (two event loops) and its pools at their maximum fit the heap under the
   * overload manager's 90 % (at -Xmx48m it refuses to start; at -Xmx64m it warns it would shed load).
   */
  @Test
  void atTheMinimumTheServiceStarts() throws Exception {
    Run run = flags("sh", String.valueOf(MINIMUM_MIB << 20));
    assertThat(run.status()).as(run.err()).isZero();
    // an issuer that refuses connections at once: the key fetch fails in the background, the service starts
    Map<String, String> env = Map.of("CLERK_ISSUER_URL", "http://127.0.0.1:9", "HTTP_INSTANCES", "2");
    try (ForkedService started = ForkedService.start(dir, Arrays.asList(run.out().strip().split("\\s+")), env)) {
      // logged after the budget and its warning, if any
      MemoryBudgetTest.awaitLine(started, "clerk-vertx listening on port");
      assertThat(started.output()).contains("Memory budget: ").contains("(old generation, Tenured Gen")
        .doesNotContain("configuration error").doesNotContain("would shed load");
      assertThat(started.alive()).isTrue();
    }
  }

  /**
   * Bug: a limit set only on a parent cgroup was not read (cgroup v2: the process's own memory.max says
   * "max", a systemd slice or a pod above it has the number). The smallest limit on the way up is the one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void aLimitOnAParentCgroupIsTheLimitV2(String shell) throws Exception {
    Path root = cgroupV2("v2", "system.slice/app.slice/clerk-vertx.service", "max\n", "536870912\n", "max\n");
    Run run = in(root, shell, "--jvm-flags");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(expected(shell, 512L << 20)).contains("-Xmx224m");
    // the smallest on the way up, wherever it is
    write(root, "sys/fs/cgroup/system.slice/app.slice/clerk-vertx.service/memory.max", "1073741824\n");
    write(root, "sys/fs/cgroup/system.slice/memory.max", "402653184\n");
    assertThat(in(root, shell, "--jvm-flags").out()).isEqualTo(expected(shell, 384L << 20));
  }

  /** The same with cgroup v1, and a container that sees only its own cgroup (memory.stat's hierarchical limit). */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void aLimitOnAParentCgroupIsTheLimitV1(String shell) throws Exception {
    String unlimited = "9223372036854771712\n";
    Path host = dir.resolve("v1-host");
    write(host, "proc/self/cgroup", "5:cpu,cpuacct:/\n4:memory:/kubepods/pod1/c1\n1:name=systemd:/\n");
    write(host, "sys/fs/cgroup/memory/kubepods/pod1/c1/memory.limit_in_bytes", unlimited);
    write(host, "sys/fs/cgroup/memory/kubepods/pod1/memory.limit_in_bytes", "536870912\n");
    write(host, "sys/fs/cgroup/memory/kubepods/memory.limit_in_bytes", unlimited);
    write(host, "sys/fs/cgroup/memory/memory.limit_in_bytes", unlimited);
    Run run = in(host, shell, "--jvm-flags");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(expected(shell, 512L << 20));

    // a container: its own cgroup mounted as the root, the parents out of sight but in memory.stat
    Path container = dir.resolve("v1-container");
    write(container, "proc/self/cgroup", "4:memory:/kubepods/pod1/c1\n");
    write(container, "sys/fs/cgroup/memory/memory.limit_in_bytes", unlimited);
    write(container, "sys/fs/cgroup/memory/memory.stat", "cache 0\nrss 0\nhierarchical_memory_limit 536870912\n"
      + "hierarchical_memsw_limit 9223372036854771712\n");
    assertThat(in(container, shell, "--jvm-flags").out()).isEqualTo(expected(shell, 512L << 20));
  }

  /** Limits as the kernel writes them, or nearly: blanks and newlines around, v1's "unlimited", none at all. */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void limitsAreReadWhateverTheBlanksAroundThemAndUnlimitedIsNone(String shell) throws Exception {
    String flags512 = expected(shell, 512L << 20);
    String flags256 = expected(shell, 256L << 20);
    int i = 0;
    for (String text : List.of("536870912", "536870912\n", "536870912 \n", "  536870912\t\n\n", "536870912\r\n")) {
      Path root = cgroupV2("blanks" + i++, "", text);
      Run run = in(root, shell, "--jvm-flags");
      assertThat(run.err()).as(text).isEmpty();
      assertThat(run.out()).as(text.replace("\n", "\\n").replace("\r", "\\r")).isEqualTo(flags512);
    }
    for (String text : List.of("max\n", "9223372036854771712\n", "99999999999999999999999\n", "1099511627776\n", "\n", "")) {
      Path root = dir.resolve("none" + i++);
      write(root, "proc/self/cgroup", "4:memory:/a\n0::/a\n");
      write(root, "sys/fs/cgroup/a/memory.max", text);
      write(root, "sys/fs/cgroup/memory/a/memory.limit_in_bytes", text);
      Run run = in(root, shell, "--jvm-flags");
      assertThat(run.err()).as(text).isEmpty();
      assertThat(run.out()).as("no limit in %s: 256 MiB assumed", text.strip()).isEqualTo(flags256);
    }
    // a size given is taken over the limit found
    Path root = cgroupV2("given", "", "536870912\n");
    assertThat(in(root, shell, "--jvm-flags", "1g").out()).isEqualTo(expected(shell, 1L << 30));
  }

  /** Bug 3 where it matters: a limit under the minimum found at start stops the launcher before any JVM. */
  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash --posix"})
  void aLimitUnderTheMinimumFoundAtStartIsRefusedInOneLine(String shell) throws Exception {
    Path root = cgroupV2("small", "kubepods.slice/pod/c", "max\n", "134217728\n");
    for (String[] args : new String[][] {{}, {"--jvm-flags"}}) {
      Run run = in(root, shell, args);
      assertThat(run.status()).as("%s: %s", List.of(args), run).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.errLines()).singleElement().asString().isEqualTo("clerk-vertx: 128 MiB of memory (the memory limit, "
        + "134217728 bytes) is under the " + MINIMUM_MIB + " MiB the service needs; not starting (raise the limit, or give "
        + "JAVA_OPTS a heap size of its own)");
    }
  }

  /**
   * A fake cgroup v2 tree under {@code dir/name}: the process in {@code leaf} ("" for the root), and the
   * texts of memory.max from the leaf's up, one a level.
   */
  Path cgroupV2(String name, String leaf, String... memoryMaxFromLeafUp) throws IOException {
    Path root = dir.resolve(name);
    write(root, "proc/self/cgroup", "0::/" + leaf + "\n");
    String group = leaf;
    for (String text : memoryMaxFromLeafUp) {
      write(root, "sys/fs/cgroup/" + (group.isEmpty() ? "" : group + "/") + "memory.max", text);
      group = group.contains("/") ? group.substring(0, group.lastIndexOf('/')) : "";
    }
    return root;
  }
}
