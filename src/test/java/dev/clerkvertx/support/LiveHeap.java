package dev.clerkvertx.support;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** The bytes of every object still reachable in this JVM: a class histogram's total (which collects first). */
public final class LiveHeap {
  private LiveHeap() {
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
