package dev.clerkvertx.authz;

import dev.clerkvertx.identity.FactorAges;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;

/**
 * How recently the caller must have verified a factor: a level within {@code afterMinutes}. Clerk's
 * presets are {@code strict_mfa} (multi-factor, 10 min), {@code strict} (second factor, 10),
 * {@code moderate} (second factor, 60) and {@code lax} (second factor, 1440).
 *
 * @param preset the preset's name, or null for a custom requirement
 */
public record Reverification(Level level, int afterMinutes, String preset) {

  /** Which factors must be fresh. */
  public enum Level {
    FIRST_FACTOR, SECOND_FACTOR, MULTI_FACTOR;

    /** Clerk's name: {@code first_factor}, {@code second_factor}, {@code multi_factor}. */
    public String clerkName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Map<String, Reverification> PRESETS = Map.of(
    "strict_mfa", new Reverification(Level.MULTI_FACTOR, 10, "strict_mfa"),
    "strict", new Reverification(Level.SECOND_FACTOR, 10, "strict"),
    "moderate", new Reverification(Level.SECOND_FACTOR, 60, "moderate"),
    "lax", new Reverification(Level.SECOND_FACTOR, 1_440, "lax"));

  public Reverification {
    if (level == null || afterMinutes < 1) {
      throw new IllegalArgumentException("a reverification needs a level and at least one minute");
    }
  }

  /** One of Clerk's presets; an unknown name is refused (a typo must not guard nothing). */
  public static Reverification preset(String name) {
    Reverification r = PRESETS.get(name);
    if (r == null) {
      throw new IllegalArgumentException("unknown reverification preset '" + name + "': one of " + PRESETS.keySet());
    }
    return r;
  }

  /** A custom requirement: {@code level} verified less than {@code afterMinutes} ago. */
  public static Reverification custom(Level level, int afterMinutes) {
    return new Reverification(level, afterMinutes, null);
  }

  /**
   * Whether these factor ages satisfy it, by Clerk's rule ({@code checkReverificationAuthorization}):
   * a factor is fresh when it was verified ({@code != -1}) and its age is strictly below the limit.
   * No {@code fva}, or neither factor ever verified, fails. First factor: the first is fresh. Second
   * factor: the second decides, or the first when no second factor is enrolled ({@code [-1, 5]}
   * passes {@code strict}). Multi-factor: both fresh, or the first alone when no second factor is
   * enrolled; a second factor without a first fails.
   */
  public boolean isSatisfiedBy(FactorAges ages) {
    if (ages == null) {
      return false;
    }
    long firstAge = ages.firstFactorMinutes();
    long secondAge = ages.secondFactorMinutes();
    if (firstAge == -1 && secondAge == -1) {
      return false;
    }
    boolean first = firstAge != -1 && firstAge < afterMinutes;
    boolean second = secondAge != -1 && secondAge < afterMinutes;
    return switch (level) {
      case FIRST_FACTOR -> first;
      case SECOND_FACTOR -> secondAge == -1 ? first : second;
      case MULTI_FACTOR -> secondAge == -1 ? first : first && second;
    };
  }

  /** What Clerk's {@code reverification-error} names as missing: the preset, or {@code {level, afterMinutes}}. */
  public Object clerkMetadata() {
    return preset != null ? preset
      : new JsonObject().put("level", level.clerkName()).put("afterMinutes", afterMinutes);
  }
}
