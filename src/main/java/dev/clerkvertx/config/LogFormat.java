package dev.clerkvertx.config;

import java.util.List;

/** How log lines are written ({@code LOG_FORMAT}): for a person reading a terminal, or for a log collector. */
public enum LogFormat {
  /** One line of text per event. */
  TEXT,
  /** One JSON object per line. */
  JSON;

  /** The values {@code LOG_FORMAT} may take, any case. */
  static final List<String> NAMES = List.of("TEXT", "JSON");

  /** {@code text} or {@code json}, any case; unset or anything else means text (the configuration names a bad value). */
  public static LogFormat lenient(String value) {
    return value != null && "json".equalsIgnoreCase(value.strip()) ? JSON : TEXT;
  }
}
