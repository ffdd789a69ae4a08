package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;

/**
 * Parses a {@code .env} file as dotenv and docker compose do: {@code KEY=value} lines, an optional
 * {@code export} prefix, blank lines and {@code #} comments (after a value, preceded by a space).
 * Double-quoted values may span lines (a PEM key pasted as the Clerk dashboard shows it) and
 * understand {@code \n}, {@code \r}, {@code \t}, {@code \"} and {@code \\}; single-quoted values are
 * literal and may span lines too. The file is this service's alone: a name that is no setting stops
 * start-up, naming the line and the closest setting.
 */
public final class DotEnv {
  private final String source;
  private final String text;
  private int pos;
  private int line = 1;

  private DotEnv(String source, String text) {
    this.source = source;
    String unified = text.replace("\r\n", "\n").replace('\r', '\n');
    this.text = unified.startsWith("\uFEFF") ? unified.substring(1) : unified;
  }

  /** The assignments of {@code text}; {@code source} names the file in error messages. */
  public static JsonObject parse(String source, String text) {
    return new DotEnv(source, text).assignments();
  }

  private JsonObject assignments() {
    JsonObject out = new JsonObject();
    while (pos < text.length()) {
      skipBlanks();
      if (pos >= text.length() || peek() == '\n' || peek() == '#') {
        skipRestOfLine();
        continue;
      }
      int keyLine = line;
      if (text.startsWith("export", pos) && pos + 6 < text.length() && (text.charAt(pos + 6) == ' ' || text.charAt(pos + 6) == '\t')) {
        pos += 6;
        skipBlanks();
      }
      int keyStart = pos;
      while (pos < text.length() && isKeyChar(peek())) {
        pos++;
      }
      String key = text.substring(keyStart, pos);
      skipBlanks();
      if (key.isEmpty() || Character.isDigit(key.charAt(0)) || pos >= text.length() || peek() != '=') {
        throw fail(keyLine, "is not KEY=value (a value of several lines, such as a PEM key, goes in double quotes)");
      }
      pos++;
      skipBlanks();
      String value = pos < text.length() && (peek() == '"' || peek() == '\'') ? quoted(keyLine) : unquoted();
      if (!SettingNames.known(key)) {
        throw new ConfigException(source, "line " + keyLine + ": " + SettingNames.notASetting(key));
      }
      out.put(key, value);
    }
    return out;
  }

  private String quoted(int keyLine) {
    char quote = text.charAt(pos++);
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw fail(keyLine, "opens a " + (quote == '"' ? "double" : "single") + " quote that is never closed");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        break;
      }
      if (c == '\n') {
        line++;
      }
      if (c == '\\' && quote == '"' && pos < text.length()) {
        char escaped = switch (peek()) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case '"' -> '"';
          case '\\' -> '\\';
          default -> 0;
        };
        if (escaped != 0) {
          value.append(escaped);
          pos++;
          continue;
        }
      }
      value.append(c);
    }
    skipBlanks();
    if (pos < text.length() && peek() != '\n' && peek() != '#') {
      throw fail(line, "has text after the closing quote");
    }
    skipRestOfLine();
    return value.toString();
  }

  private String unquoted() {
    int start = pos;
    skipRestOfLine();
    String value = text.substring(start, pos).strip();
    for (int i = 1; i < value.length(); i++) {
      if (value.charAt(i) == '#' && (value.charAt(i - 1) == ' ' || value.charAt(i - 1) == '\t')) {
        return value.substring(0, i).strip();
      }
    }
    return value;
  }

  private ConfigException fail(int atLine, String why) {
    return new ConfigException(source, "line " + atLine + " " + why);
  }

  /** Moves past the end of the current line. */
  private void skipRestOfLine() {
    while (pos < text.length() && text.charAt(pos) != '\n') {
      pos++;
    }
    if (pos < text.length()) {
      pos++;
      line++;
    }
  }

  private void skipBlanks() {
    while (pos < text.length() && (peek() == ' ' || peek() == '\t')) {
      pos++;
    }
  }

  private char peek() {
    return text.charAt(pos);
  }

  private static boolean isKeyChar(char c) {
    return c == '_' || c == '.' || c == '-' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
