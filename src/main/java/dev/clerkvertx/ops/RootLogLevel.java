package dev.clerkvertx.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code LOG_LEVEL} to the root logger. Logback configures itself before the service reads
 * its configuration, so the level is set here, once the layers ({@code .env} included) are merged.
 */
public final class RootLogLevel {
  private RootLogLevel() {
  }

  /** {@code level} is one of the values {@code LOG_LEVEL} accepts. */
  public static void set(String level) {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.toLevel(level));
    }
  }
}
