package dev.clerkvertx.ops;

import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.support.ForkedService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The memory budget: one line at start, and start-up refused, naming the settings, when the pools cannot fit. */
class MemoryBudgetTest {
  /** The README's recommended flags. */
  static final List<String> README_FLAGS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx96m", "-Xmn16m",
    "-XX:MaxDirectMemorySize=32m", "-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

  @TempDir
  Path dir;

  @Test
  void poolsThatCannotFitAreRefusedNamingTheLargestSettingFirst() {
    MemoryBudget budget = new MemoryBudget().add("connections (1000)", "HTTP_MAX_CONNECTIONS", 9L << 20)
      .add("session cache", "TOKEN_CACHE_SIZE", 40L << 20);
    assertThat(budget.total()).isEqualTo(MemoryBudget.SERVICE_BYTES + (49L << 20));
    assertThat(budget.line(80L << 20, "old generation")).isEqualTo("Memory budget: service itself 10.0 MiB, "
      + "connections (1000) 9.0 MiB, session cache 40.0 MiB; sum 59.0 MiB of 80.0 MiB (old generation)");
    budget.check(80L << 20, "old generation", 0.9);
    assertThatThrownBy(() -> budget.check(48L << 20, "old generation", 0.9))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("TOKEN_CACHE_SIZE"))
      .hasMessageContaining("Lower TOKEN_CACHE_SIZE (session cache, 40.0 MiB), HTTP_MAX_CONNECTIONS")
      .hasMessageContaining("-Xmx");
  }

  @Test
  void tooManyConnectionsForTheRecommendedHeapAreRefusedAtStart() throws Exception {
    Map<String, String> env = Map.of("CLERK_ISSUER_URL", "https://clean-mole-12.clerk.accounts.dev",
      "HTTP_INSTANCES", "2", "HTTP_MAX_CONNECTIONS", "100000");
    try (ForkedService refused = ForkedService.start(dir, README_FLAGS, env)) {
      assertThat(refused.awaitExit()).isEqualTo(1);
      assertThat(refused.output()).contains("configuration error: HTTP_MAX_CONNECTIONS: the heap cannot hold")
        .contains("connections (100000, 25000 more accepted or closing) 1098.6 MiB").contains("of 80.0 MiB (old generation, Tenured Gen");
    }
  }

  @Test
  void theDefaultsFitTheRecommendedHeapWithMarginAtFourEventLoops() throws Exception {
    Map<String, String> env = Map.of("CLERK_ISSUER_URL", "https://clean-mole-12.clerk.accounts.dev",
      "HTTP_INSTANCES", "4", "MANAGEMENT_PORT", "0");
    try (ForkedService started = ForkedService.start(dir, README_FLAGS, env)) {
      String line = awaitLine(started, "Memory budget: ");
      assertThat(line).contains("GraphQL answers in flight 8.0 MiB").contains("bodies in flight 4.0 MiB")
        .contains("parsed documents 4.0 MiB").contains("of 80.0 MiB (old generation, Tenured Gen");
      double sum = Double.parseDouble(line.replaceAll(".*; sum ([0-9.]+) MiB of.*", "$1"));
      // under the overload manager's 90 % of the old generation: full pools do not shed load
      assertThat(sum).as(line).isLessThan(72.0);
      assertThat(started.output()).doesNotContain("configuration error").doesNotContain("would shed load");
      assertThat(started.alive()).isTrue();
    }
  }

  @Test
  void answerBudgetsTheHeapCannotHoldAreRefusedAtStartNamingTheSetting() throws Exception {
    Map<String, String> env = Map.of("CLERK_ISSUER_URL", "https://clean-mole-12.clerk.accounts.dev",
      "HTTP_INSTANCES", "4", "GRAPHQL_ANSWER_BUDGET_BYTES", "8388608");
    try (ForkedService refused = ForkedService.start(dir, README_FLAGS, env)) {
      assertThat(refused.awaitExit()).isEqualTo(1);
      assertThat(refused.output()).contains("configuration error: GRAPHQL_ANSWER_BUDGET_BYTES: the heap cannot hold")
        .contains("GraphQL answers in flight 32.0 MiB").contains("Lower GRAPHQL_ANSWER_BUDGET_BYTES");
    }
  }

  /** The first line of the service's output that contains {@code text} (a minute at most). */
  static String awaitLine(ForkedService service, String text) throws Exception {
    for (int i = 0; i < 600; i++) {
      var line = service.output().lines().filter(l -> l.contains(text)).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      assertThat(service.alive()).as("still running: " + service.output()).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no line with " + text + ": " + service.output());
  }
}
