package dev.clerkvertx.config;

import java.util.Locale;

/** How log lines are written ({@code LOG_FORMAT}): for a person reading a terminal, or for a log collector. */
public enum LogFormat {
  /** One line of text per event. */
  TEXT,
  /** One JSON object per line. */
  JSON;

  /** {@code text} or {@code json}, any case; unset means text. */
  public static LogFormat parse(String value) {
    if (value == null) {
      return TEXT;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new ConfigException(Setting.LOG_FORMAT.name(), "'" + value + "' is neither text nor json");
    };
  }
}
