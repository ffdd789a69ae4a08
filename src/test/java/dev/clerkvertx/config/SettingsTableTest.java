package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Setting table is the one list of settings: docs/configuration.md, conf/config.json and the recommended
 * flags (README.md and the docs that repeat them) agree with it.
 */
class SettingsTableTest {
  /** The full configuration reference; README.md lists only the settings most services set, and links here. */
  static final Path CONFIGURATION = Path.of("docs", "configuration.md");
  /** Files that show the recommended java command. */
  static final List<Path> FLAG_DOCS = List.of(Path.of("README.md"), Path.of("docs", "performance.md"),
    Path.of("docs", "production.md"));

  static String readme() throws IOException {
    return Files.readString(Path.of("README.md"));
  }

  @Test
  void configurationReferenceTableIsTheSettingTable() throws IOException {
    List<String> lines = Files.readString(CONFIGURATION).lines().toList();
    int header = lines.indexOf("| variable | meaning | default |");
    assertThat(header).as("docs/configuration.md configuration table").isPositive();
    List<String> rows = lines.subList(header + 2, lines.size()).stream().takeWhile(l -> l.startsWith("|")).toList();
    assertThat(rows).containsExactlyElementsOf(Arrays.stream(Setting.values()).map(Setting::referenceRow).toList());
  }

  @Test
  void confConfigJsonStatesEveryConcreteDefault() throws IOException {
    JsonObject conf = new JsonObject(Files.readString(Path.of("conf", "config.json")));
    JsonObject defaults = SettingValues.defaults();
    assertThat(conf.fieldNames()).containsExactlyInAnyOrderElementsOf(defaults.fieldNames());
    for (String name : defaults.fieldNames()) {
      assertThat(String.valueOf(conf.getValue(name))).as(name).isEqualTo(defaults.getString(name));
    }
  }

  @Test
  void everyRecommendedCommandExitsOnOutOfMemoryAndTheBenchmarksAndTheLauncherUseTheSameFlags() throws Exception {
    Pattern javaCommand = Pattern.compile("java (-XX:[^\\n]*?)(?: \\\\\\n\\s*([^\\n]*?))? -jar target/clerk-vertx.jar");
    int found = 0;
    String flags = null;
    for (Path doc : FLAG_DOCS) {
      Matcher commands = javaCommand.matcher(Files.readString(doc));
      while (commands.find()) {
        String command = (commands.group(1) + " " + (commands.group(2) == null ? "" : commands.group(2))).strip();
        assertThat(command).as(doc.toString()).contains("-XX:+ExitOnOutOfMemoryError").contains("-Xmx96m");
        flags = flags == null ? command : flags;
        assertThat(command).as(doc.toString()).isEqualTo(flags);
        found++;
      }
    }
    assertThat(found).as("recommended java commands in " + FLAG_DOCS).isGreaterThanOrEqualTo(2);
    assertThat(flags).as("dev mode sizes its caches and budget for the recommended heap")
      .contains("-Xmx" + (dev.clerkvertx.dev.DevMode.JAR_HEAP_BYTES >> 20) + "m")
      .contains("-Xmn" + ((dev.clerkvertx.dev.DevMode.JAR_HEAP_BYTES - dev.clerkvertx.dev.DevMode.JAR_OLD_GENERATION_BYTES) >> 20) + "m");
    for (String script : List.of("bench/run.sh", "bench/hostile.sh", "bench/startup.sh")) {
      assertThat(Files.readString(Path.of(script))).as(script).contains("JVM_FLAGS:-" + flags + "}");
    }
    // the distribution's launcher, given no memory limit (256 MiB assumed), applies the same flags
    Process launcher = new ProcessBuilder("sh", "src/dist/bin/clerk-vertx", "--jvm-flags", String.valueOf(256L << 20))
      .redirectErrorStream(true).start();
    String launcherFlags = new String(launcher.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(launcher.waitFor()).isZero();
    assertThat(launcherFlags.strip()).isEqualTo(flags);
  }
}
