package dev.clerkvertx.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.List;

/**
 * One log event as one line of JSON: {@code time} (ISO-8601, UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message}, then each key-value pair of the event as its own key (numbers and
 * booleans unquoted), and {@code exception} with the stack trace when there is one. Strings are
 * escaped so that no character, from a request or anywhere, can end the line or the object.
 */
final class JsonLogLine {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonLogLine() {
  }

  static String format(ILoggingEvent event) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"time\":\"").append(Instant.ofEpochMilli(event.getTimeStamp())).append('"');
    field(out, "level", event.getLevel().toString());
    field(out, "logger", event.getLoggerName());
    field(out, "thread", event.getThreadName());
    field(out, "message", event.getFormattedMessage());
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        out.append(',');
        string(out, pair.key);
        out.append(':');
        if (pair.value instanceof Number || pair.value instanceof Boolean) {
          out.append(pair.value);
        } else {
          string(out, pair.value == null ? null : pair.value.toString());
        }
      }
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      field(out, "exception", ThrowableProxyUtil.asString(thrown));
    }
    return out.append("}\n").toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(",\"").append(name).append("\":");
    string(out, value);
  }

  /** A JSON string: quote, backslash and every control, line-separator or surrogate character escaped. */
  static void string(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
            out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
              .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
