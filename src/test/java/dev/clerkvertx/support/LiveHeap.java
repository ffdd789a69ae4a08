package dev.clerkvertx.support;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** The bytes of every object still reachable in this JVM: a class histogram's total (which collects first). */
public final class LiveHeap {
  private static final long STEADY_BYTES = 64 * 1024;

  private LiveHeap() {
  }

  /**
   * The live heap once it holds still: what earlier tests leave behind is let go asynchronously (a
   * closing Vert.x, its threads), so histograms are taken until two, 200 ms apart, agree within 64 KiB.
   */
  public static long settledBytes() {
    long last = bytes();
    for (int i = 0; i < 25; i++) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = bytes();
      if (Math.abs(now - last) < STEADY_BYTES) {
        return now;
      }
      last = now;
    }
    return last;
  }

  public static long bytes() {
    try {
      String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[]{new String[0]}, new String[]{String[].class.getName()});
      String[] lines = histogram.trim().split("\n");
      String[] total = lines[lines.length - 1].trim().split("\\s+");
      return Long.parseLong(total[2]);
    } catch (Exception e) {
      throw new IllegalStateException("no class histogram from this JVM", e);
    }
  }
}
