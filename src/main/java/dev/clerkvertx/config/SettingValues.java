package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The merged configuration layers read through the {@link Setting} table: every value is checked
 * against its setting's type and bounds, and every rejection names the variable. Remembers each
 * effective value for the start-up summary.
 */
public final class SettingValues {
  private final JsonObject merged;
  private final Map<Setting, Object> effective = new EnumMap<>(Setting.class);

  public SettingValues(JsonObject merged) {
    this.merged = merged;
  }

  /** The table's concrete defaults: the bottom configuration layer. */
  public static JsonObject defaults() {
    JsonObject json = new JsonObject();
    for (Setting s : Setting.values()) {
      if (s.defaultValue() != null) {
        json.put(s.name(), s.defaultValue());
      }
    }
    return json;
  }

  /** The trimmed value, or null when unset or blank. */
  public String text(Setting s) {
    Object v = merged.getValue(s.name());
    String text = v == null ? null : v.toString().strip();
    text = text == null || text.isEmpty() ? null : text;
    effective.put(s, text);
    return text;
  }

  /** A whole number within the setting's bounds. */
  public int integer(Setting s) {
    String text = text(s);
    if (text == null) {
      throw new ConfigException(s.name(), "is required");
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(s.name(), "'" + text + "' is not a whole number");
    }
    if (value < s.min() || value > s.max()) {
      throw new ConfigException(s.name(), value + " is outside " + s.min() + ".." + s.max());
    }
    effective.put(s, (int) value);
    return (int) value;
  }

  /** A whole number, or {@code fallback} when the setting is unset (a default derived at start-up). */
  public int integerOr(Setting s, int fallback) {
    if (text(s) == null) {
      effective.put(s, fallback);
      return fallback;
    }
    return integer(s);
  }

  /** A whole number, or empty for {@code auto} (a value the service sizes itself). */
  public OptionalInt integerOrAuto(Setting s) {
    String text = text(s);
    if (text != null && text.equalsIgnoreCase("auto")) {
      effective.put(s, "auto");
      return OptionalInt.empty();
    }
    return OptionalInt.of(integer(s));
  }

  /** {@code true}/{@code false} (also 1/0, yes/no). */
  public boolean bool(Setting s) {
    String text = text(s);
    boolean value = switch (text == null ? "false" : text.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ConfigException(s.name(), "'" + text + "' is not true or false");
    };
    effective.put(s, value);
    return value;
  }

  /** A comma-separated list, entries trimmed, empty ones and trailing slashes dropped. */
  public List<String> list(Setting s) {
    String text = text(s);
    List<String> value = text == null ? List.of() : Arrays.stream(text.split(","))
      .map(String::strip)
      .filter(x -> !x.isEmpty())
      .map(x -> x.endsWith("/") ? x.substring(0, x.length() - 1) : x)
      .toList();
    effective.put(s, String.join(",", value));
    return value;
  }

  /** One of {@code allowed}, written in any case (unset: the default); answered in upper case. */
  public String choice(Setting s, List<String> allowed) {
    String text = text(s);
    String value = (text == null ? s.defaultValue() : text).toUpperCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new ConfigException(s.name(), "'" + text + "' is not one of " + String.join(", ", allowed));
    }
    effective.put(s, value);
    return value;
  }

  /** Records a value derived at start-up (e.g. CORS origins following the authorized parties). */
  public void derived(Setting s, Object value) {
    effective.put(s, value);
  }

  /** Every setting with its effective value, secrets shown only as set or not: for the start-up log. */
  public JsonObject summary() {
    JsonObject out = new JsonObject();
    for (Setting s : Setting.values()) {
      Object v = effective.get(s);
      out.put(s.name(), s.secret() && v != null ? "(set, redacted)" : v);
    }
    return out;
  }
}
