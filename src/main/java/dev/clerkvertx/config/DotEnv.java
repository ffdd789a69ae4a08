package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Parses a {@code .env} file the way docker-compose and dotenv do for the simple cases:
 * {@code KEY=value}, optional {@code export }, quotes, blank lines and {@code #} comments.
 */
public final class DotEnv {
  private DotEnv() {
  }

  /** Parses the lines; a line that is not {@code KEY=value} stops start-up naming the file and line. */
  public static JsonObject parse(List<String> lines) {
    JsonObject out = new JsonObject();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(".env", "line " + (i + 1) + " is not KEY=value");
      }
      String key = line.substring(0, eq).strip();
      out.put(key, unquote(line.substring(eq + 1).strip()));
    }
    return out;
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      char last = value.charAt(value.length() - 1);
      if ((first == '"' || first == '\'') && first == last) {
        String inner = value.substring(1, value.length() - 1);
        // PEM keys are commonly pasted into .env with literal \n separators
        return first == '"' ? inner.replace("\\n", "\n") : inner;
      }
    }
    int comment = value.indexOf(" #");
    return comment >= 0 ? value.substring(0, comment).strip() : value;
  }
}
