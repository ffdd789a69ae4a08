package dev.clerkvertx.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The names of the {@link Setting} table, and what to say about a name that is not one of them: a
 * misspelt setting must not be silently ignored. The prefixes the service owns in the environment
 * ({@code CLERK_}, {@code HTTP_}, …) are derived from the table.
 */
public final class SettingNames {
  /**
   * Variables of other programs that carry one of the service's prefixes: the proxy variable of curl
   * and friends, and the service links Kubernetes injects for a service named, say, {@code clerk}
   * ({@code CLERK_SERVICE_HOST}, {@code CLERK_PORT=tcp://10.0.0.7:8080}, {@code CLERK_PORT_8080_TCP_ADDR}, …).
   */
  private static final Pattern OTHER_PROGRAMS = Pattern.compile(
    "HTTP_PROXY|[A-Z0-9_]+_SERVICE_(HOST|PORT(_[A-Z0-9_]+)?)|[A-Z0-9_]+_PORT_\\d+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?");
  private static final Pattern SERVICE_LINK_PORT = Pattern.compile("[A-Z0-9_]+_PORT=(tcp|udp|sctp)://.*");
  private static final Set<String> PREFIXES = prefixes();
  /**
   * Prefixes frontend frameworks give the variables they hand to the browser (Next.js, Nuxt, Expo, Vite,
   * Create React App, Gatsby, SvelteKit and Astro): a team's environment holds Clerk's publishable key as
   * {@code NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}, the frontend's name for {@code CLERK_PUBLISHABLE_KEY}.
   */
  private static final List<String> FRONTEND_PREFIXES =
    List.of("NEXT_PUBLIC_", "NUXT_PUBLIC_", "EXPO_PUBLIC_", "VITE_", "REACT_APP_", "GATSBY_", "PUBLIC_");

  private SettingNames() {
  }

  public static boolean known(String name) {
    return Arrays.stream(Setting.values()).anyMatch(s -> s.name().equals(name));
  }

  /**
   * An environment variable that looks meant for this service (one of its prefixes) but is no setting,
   * or a frontend's name for a setting ({@link #frontendNameOf}).
   */
  public static boolean strayInEnvironment(String name, String value) {
    if (frontendNameOf(name) != null) {
      return true;
    }
    return !known(name) && PREFIXES.stream().anyMatch(name::startsWith) && !OTHER_PROGRAMS.matcher(name).matches()
      && !SERVICE_LINK_PORT.matcher(name + "=" + value).matches();
  }

  /**
   * The Clerk setting {@code name} is a frontend framework's name for ({@code NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}:
   * {@code CLERK_PUBLISHABLE_KEY}), or null.
   */
  public static String frontendNameOf(String name) {
    for (String prefix : FRONTEND_PREFIXES) {
      // Clerk's settings only: VITE_PORT or PUBLIC_PORT are another program's
      if (name.startsWith(prefix + "CLERK_") && known(name.substring(prefix.length()))) {
        return name.substring(prefix.length());
      }
    }
    return null;
  }

  /** Why {@code name} is refused or ignored, naming the closest setting. */
  public static String notASetting(String name) {
    if (name.equals("CLERK_SECRET_KEY")) {
      return "CLERK_SECRET_KEY is not needed: clerk-vertx verifies tokens with your instance's public keys and "
        + "never calls Clerk's Backend API; remove it";
    }
    String setting = frontendNameOf(name);
    if (setting != null) {
      return name + " is the frontend's name for " + setting + ", which is the name clerk-vertx reads; set "
        + setting + " (the same value)";
    }
    return name + " is not a setting of clerk-vertx; did you mean " + closest(name) + "?";
  }

  /** The setting whose name is the fewest single-character edits away (ignoring case); the table's order breaks ties. */
  static String closest(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return Arrays.stream(Setting.values()).map(Setting::name)
      .min(Comparator.comparingInt(candidate -> distance(upper, candidate))).orElseThrow();
  }

  /** The prefixes the service owns: each multi-word setting name up to its first underscore. */
  static Set<String> prefixes() {
    Set<String> prefixes = new TreeSet<>();
    for (Setting s : Setting.values()) {
      int underscore = s.name().indexOf('_');
      if (underscore > 0) {
        prefixes.add(s.name().substring(0, underscore + 1));
      }
    }
    return prefixes;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
