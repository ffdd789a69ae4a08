package dev.clerkvertx.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which browser origins may call the service, and what their preflights are answered.
 *
 * @param origins        listed origins ({@code *}: any, without credentials)
 * @param originsSet     whether {@code CORS_ALLOWED_ORIGINS} was set (otherwise the origins follow the
 *                       authorized parties, and dev mode adds its frontend's)
 * @param methods        {@code Access-Control-Allow-Methods}
 * @param headers        {@code Access-Control-Allow-Headers}
 * @param exposedHeaders {@code Access-Control-Expose-Headers}; may be empty
 */
public record CorsSettings(List<String> origins, boolean originsSet, List<String> methods, List<String> headers,
                           List<String> exposedHeaders, int maxAgeSeconds) {
  /** Where {@code next dev} serves a frontend: allowed in dev mode unless origins are set. */
  public static final String DEV_FRONTEND_ORIGIN = "http://localhost:3000";
  /** The methods the service routes; any other is answered 501 before routing. */
  public static final List<String> STANDARD_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public CorsSettings {
    origins = List.copyOf(origins);
    methods = List.copyOf(methods);
    headers = List.copyOf(headers);
    exposedHeaders = List.copyOf(exposedHeaders);
  }

  static CorsSettings from(SettingValues v, List<String> authorizedParties) {
    boolean set = v.text(Setting.CORS_ALLOWED_ORIGINS) != null;
    List<String> origins = set ? v.list(Setting.CORS_ALLOWED_ORIGINS) : authorizedParties;
    origins.stream().filter(o -> !o.equals("*")).forEach(o -> ServiceConfig.origin(Setting.CORS_ALLOWED_ORIGINS, o));
    v.derived(Setting.CORS_ALLOWED_ORIGINS, String.join(",", origins));
    List<String> methods = new ArrayList<>();
    for (String m : v.list(Setting.CORS_ALLOWED_METHODS)) {
      String method = m.toUpperCase(Locale.ROOT);
      if (!STANDARD_METHODS.contains(method)) {
        throw new ConfigException(Setting.CORS_ALLOWED_METHODS.name(), "'" + m + "' is not one of "
          + String.join(", ", STANDARD_METHODS));
      }
      methods.add(method);
    }
    return new CorsSettings(origins, set, methods, headerNames(v, Setting.CORS_ALLOWED_HEADERS),
      headerNames(v, Setting.CORS_EXPOSED_HEADERS), v.integer(Setting.CORS_MAX_AGE_SECONDS));
  }

  /** Dev mode: a Next.js dev server on {@link #DEV_FRONTEND_ORIGIN} may call, unless origins were set. */
  public CorsSettings inDevMode() {
    if (originsSet || origins.contains("*") || origins.contains(DEV_FRONTEND_ORIGIN)) {
      return this;
    }
    List<String> withFrontend = new ArrayList<>(origins);
    withFrontend.add(DEV_FRONTEND_ORIGIN);
    return new CorsSettings(withFrontend, false, methods, headers, exposedHeaders, maxAgeSeconds);
  }

  private static List<String> headerNames(SettingValues v, Setting s) {
    List<String> names = v.list(s);
    for (String name : names) {
      if (!HEADER_NAME.matcher(name).matches() || name.equals("*")) {
        throw new ConfigException(s.name(), "'" + name + "' is not a header name (list each header; `*` is not "
          + "honoured for requests with credentials)");
      }
    }
    return names.stream().distinct().toList();
  }
}
