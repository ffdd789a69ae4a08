package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The validated, immutable configuration of the service. Built once at start-up from the merged
 * layers ({@code conf/config.json} < {@code .env} < environment); every rejection names its variable.
 */
public record ServiceConfig(
  Mode mode,
  int port,
  String host,
  String issuer,
  String jwksUrl,
  String jwtKeyPem,
  List<String> authorizedParties,
  Duration jwksCooldown,
  Duration clockSkew,
  Duration jwksRefresh,
  Duration jwksTimeout,
  boolean acceptPendingSessions,
  int httpInstances,
  List<String> corsAllowedOrigins,
  int tokenCacheSize,
  Duration shutdownGrace,
  boolean accessLog) {

  /** Where verification keys come from. */
  public enum Mode {
    /** Keys fetched from the Clerk JWKS endpoint and refreshed. */
    JWKS,
    /** A single PEM public key from {@code CLERK_JWT_KEY}; no network. */
    PEM,
    /** An embedded issuer with a generated key: local development only. */
    DEV
  }

  /** The variables that select a Clerk instance; with none of them set only dev mode can start. */
  public static final List<String> CLERK_VARIABLES =
    List.of("CLERK_ISSUER_URL", "CLERK_PUBLISHABLE_KEY", "CLERK_JWKS_URL", "CLERK_JWT_KEY");

  /**
   * Validates the merged configuration.
   *
   * @param devModeAllowed true only when started through {@code ./mvnw compile exec:java}
   */
  public static ServiceConfig from(JsonObject c, boolean devModeAllowed) {
    int port = intIn(c, "PORT", 0, 65535);
    int instances = c.getValue("HTTP_INSTANCES") == null
      ? Runtime.getRuntime().availableProcessors()
      : intIn(c, "HTTP_INSTANCES", 1, 256);
    List<String> parties = list(c, "CLERK_AUTHORIZED_PARTIES");
    for (String party : parties) {
      origin("CLERK_AUTHORIZED_PARTIES", party);
    }
    List<String> cors = c.getValue("CORS_ALLOWED_ORIGINS") == null ? parties : list(c, "CORS_ALLOWED_ORIGINS");
    for (String o : cors) {
      if (!o.equals("*")) {
        origin("CORS_ALLOWED_ORIGINS", o);
      }
    }

    String issuerVar = str(c, "CLERK_ISSUER_URL");
    String publishable = str(c, "CLERK_PUBLISHABLE_KEY");
    String jwksVar = str(c, "CLERK_JWKS_URL");
    String pem = str(c, "CLERK_JWT_KEY");

    Mode mode;
    String issuer = null;
    String jwksUrl = null;
    if (issuerVar == null && publishable == null && jwksVar == null && pem == null) {
      if (!devModeAllowed) {
        throw new ConfigException("CLERK_ISSUER_URL",
          "no Clerk instance is configured. Set CLERK_ISSUER_URL (your Frontend API URL, e.g. "
            + "https://clean-mole-12.clerk.accounts.dev) or CLERK_PUBLISHABLE_KEY; optionally CLERK_JWKS_URL "
            + "or CLERK_JWT_KEY. Dev mode runs only from ./mvnw compile exec:java");
      }
      mode = Mode.DEV;
    } else {
      if (issuerVar != null) {
        issuer = normaliseIssuer(issuerVar);
      } else if (publishable != null) {
        issuer = normaliseIssuer(PublishableKey.issuerOf(publishable));
      } else {
        throw new ConfigException("CLERK_ISSUER_URL",
          "required with " + (pem != null ? "CLERK_JWT_KEY" : "CLERK_JWKS_URL")
            + ": tokens are accepted only from one issuer (or set CLERK_PUBLISHABLE_KEY)");
      }
      if (pem != null) {
        mode = Mode.PEM;
        if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
          throw new ConfigException("CLERK_JWT_KEY", "must be a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
      } else {
        mode = Mode.JWKS;
        jwksUrl = jwksVar != null ? url("CLERK_JWKS_URL", jwksVar) : issuer + "/.well-known/jwks.json";
      }
    }

    return new ServiceConfig(
      mode,
      port,
      mode == Mode.DEV ? "127.0.0.1" : "0.0.0.0",
      issuer,
      jwksUrl,
      pem,
      parties,
      seconds(c, "CLERK_JWKS_COOLDOWN_SECONDS", 0, 86_400),
      seconds(c, "CLERK_CLOCK_SKEW_SECONDS", 0, 300),
      seconds(c, "CLERK_JWKS_REFRESH_SECONDS", 10, 86_400),
      seconds(c, "CLERK_JWKS_TIMEOUT_SECONDS", 1, 60),
      bool(c, "CLERK_ACCEPT_PENDING_SESSIONS"),
      instances,
      cors,
      intIn(c, "TOKEN_CACHE_SIZE", 0, 10_000_000),
      seconds(c, "SHUTDOWN_GRACE_SECONDS", 0, 600),
      bool(c, "ACCESS_LOG"));
  }

  /** The same configuration with the issuer set: dev mode learns its issuer once the port is bound. */
  public ServiceConfig withIssuer(String newIssuer) {
    return new ServiceConfig(mode, port, host, newIssuer, jwksUrl, jwtKeyPem, authorizedParties, jwksCooldown,
      clockSkew, jwksRefresh, jwksTimeout, acceptPendingSessions, httpInstances, corsAllowedOrigins,
      tokenCacheSize, shutdownGrace, accessLog);
  }

  /** A summary for the start-up log: no key material, no secrets. */
  public JsonObject redacted() {
    return new JsonObject()
      .put("mode", mode.name().toLowerCase(Locale.ROOT))
      .put("PORT", port)
      .put("CLERK_ISSUER_URL", issuer)
      .put("CLERK_JWKS_URL", jwksUrl)
      .put("CLERK_JWT_KEY", jwtKeyPem == null ? null : "(set, redacted)")
      .put("CLERK_AUTHORIZED_PARTIES", String.join(",", authorizedParties))
      .put("CLERK_JWKS_COOLDOWN_SECONDS", jwksCooldown.toSeconds())
      .put("CLERK_CLOCK_SKEW_SECONDS", clockSkew.toSeconds())
      .put("CLERK_JWKS_REFRESH_SECONDS", jwksRefresh.toSeconds())
      .put("CLERK_ACCEPT_PENDING_SESSIONS", acceptPendingSessions)
      .put("HTTP_INSTANCES", httpInstances)
      .put("CORS_ALLOWED_ORIGINS", String.join(",", corsAllowedOrigins))
      .put("TOKEN_CACHE_SIZE", tokenCacheSize);
  }

  /**
   * Tolerates what users paste from the Clerk dashboard: a trailing {@code /} or the whole
   * {@code /.well-known/jwks.json} URL. Plain http is allowed only for loopback hosts.
   */
  static String normaliseIssuer(String raw) {
    String s = raw.strip();
    if (s.endsWith("/.well-known/jwks.json")) {
      s = s.substring(0, s.length() - "/.well-known/jwks.json".length());
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return url("CLERK_ISSUER_URL", s);
  }

  private static String url(String key, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "not a URL");
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new ConfigException(key, "not an absolute http(s) URL");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http")) {
      if (!isLoopback(uri.getHost())) {
        throw new ConfigException(key, "must use https (plain http is accepted only for localhost)");
      }
    } else if (!scheme.equals("https")) {
      throw new ConfigException(key, "must use https");
    }
    if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
      throw new ConfigException(key, "must not carry a query, fragment or credentials");
    }
    return value;
  }

  private static void origin(String key, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "'" + value + "' is not an origin such as https://app.example.com");
    }
    if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
      throw new ConfigException(key, "'" + value + "' is not an origin such as https://app.example.com");
    }
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
  }

  private static String str(JsonObject c, String key) {
    Object v = c.getValue(key);
    if (v == null) {
      return null;
    }
    String s = v.toString().strip();
    return s.isEmpty() ? null : s;
  }

  private static int intIn(JsonObject c, String key, int min, int max) {
    String s = str(c, key);
    if (s == null) {
      throw new ConfigException(key, "is required");
    }
    int value;
    try {
      value = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + s + "' is not a whole number");
    }
    if (value < min || value > max) {
      throw new ConfigException(key, value + " is outside " + min + ".." + max);
    }
    return value;
  }

  private static Duration seconds(JsonObject c, String key, int min, int max) {
    return Duration.ofSeconds(intIn(c, key, min, max));
  }

  private static boolean bool(JsonObject c, String key) {
    String s = str(c, key);
    if (s == null) {
      return false;
    }
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "yes": return true;
      case "false": case "0": case "no": return false;
      default: throw new ConfigException(key, "'" + s + "' is not true or false");
    }
  }

  private static List<String> list(JsonObject c, String key) {
    String s = str(c, key);
    if (s == null) {
      return List.of();
    }
    return Arrays.stream(s.split(","))
      .map(String::strip)
      .filter(x -> !x.isEmpty())
      .map(x -> x.endsWith("/") ? x.substring(0, x.length() - 1) : x)
      .toList();
  }
}
