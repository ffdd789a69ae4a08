package dev.clerkvertx.ops;

import dev.clerkvertx.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The heap's budget: every pool an attacker or a busy day can fill, with the most it can hold in
 * bytes, against what long-lived data can occupy (the old generation's maximum). Logged in one line
 * at start; start-up is refused when the service and its pools at their maximum cannot fit, naming
 * the settings that size them. Each capability adds its pool with one {@link #add} line.
 */
public final class MemoryBudget {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryBudget.class);
  /**
   * Live heap of the service itself with every pool empty: 9.07 MB by a class histogram of the
   * packaged jar (-Xmx96m, SerialGC) after warm-up requests on every route; rounded up.
   */
  public static final long SERVICE_BYTES = 10L << 20;

  /** One bounded pool: what it is, the setting that sizes it, the most it holds. */
  public record Pool(String name, String setting, long maxBytes) {
  }

  private final List<Pool> pools = new ArrayList<>();

  public MemoryBudget() {
    pools.add(new Pool("service itself", "-Xmx", SERVICE_BYTES));
  }

  public MemoryBudget add(String name, String setting, long maxBytes) {
    pools.add(new Pool(name, setting, maxBytes));
    return this;
  }

  public List<Pool> pools() {
    return List.copyOf(pools);
  }

  public long total() {
    return pools.stream().mapToLong(Pool::maxBytes).sum();
  }

  /** The start-up line: each pool and the sum against {@code capacityBytes} ({@code capacityName}). */
  public String line(long capacityBytes, String capacityName) {
    return "Memory budget: " + pools.stream().map(p -> p.name() + " " + mib(p.maxBytes())).collect(Collectors.joining(", "))
      + "; sum " + mib(total()) + " of " + mib(capacityBytes) + " (" + capacityName + ")";
  }

  /**
   * Logs the line; refuses start-up when the sum exceeds {@code capacityBytes}; warns when it exceeds
   * {@code shedShare} of it (full pools would make the overload manager shed load).
   */
  public void check(long capacityBytes, String capacityName, double shedShare) {
    String line = line(capacityBytes, capacityName);
    if (total() > capacityBytes) {
      List<Pool> largest = pools.stream().filter(p -> !p.setting().equals("-Xmx"))
        .sorted(Comparator.comparingLong(Pool::maxBytes).reversed()).toList();
      String settings = largest.stream().map(p -> p.setting() + " (" + p.name() + ", " + mib(p.maxBytes()) + ")")
        .collect(Collectors.joining(", "));
      throw new ConfigException(largest.isEmpty() ? "-Xmx" : largest.get(0).setting(), "the heap cannot hold the "
        + "bounded pools at their maximum. " + line + ". Lower " + settings + ", or give the JVM a larger -Xmx");
    }
    LOG.info(line);
    if (total() > capacityBytes * shedShare) {
      LOG.warn("The bounded pools at their maximum fill more than OVERLOAD_HEAP_PERCENT ({} %) of {}: the overload "
        + "manager would shed load before they are full", Math.round(shedShare * 100), capacityName);
    }
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
