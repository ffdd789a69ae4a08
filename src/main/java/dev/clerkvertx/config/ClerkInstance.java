package dev.clerkvertx.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Clerk instance whose session tokens are accepted: one issuer, and where its verification keys
 * come from. Resolved from {@code CLERK_ISSUER_URL}, {@code CLERK_PUBLISHABLE_KEY},
 * {@code CLERK_JWKS_URL} and {@code CLERK_JWT_KEY}.
 *
 * @param publishableKey {@code CLERK_PUBLISHABLE_KEY} when set: it names Clerk's suffixed session cookies
 */
public record ClerkInstance(String issuer, KeyOrigin keys, Optional<String> publishableKey) {

  /** Where the verification keys come from. */
  public sealed interface KeyOrigin permits Jwks, Pem {
  }

  /** A JWKS endpoint, fetched and refreshed. */
  public record Jwks(String url) implements KeyOrigin {
  }

  /** One networkless public key that verifies tokens whatever their {@code kid}. */
  public record Pem(RSAPublicKey key) implements KeyOrigin {
    @Override
    public String toString() {
      return "Pem[redacted]";
    }
  }

  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /** The configured instance, or empty when none of its four variables is set. */
  static Optional<ClerkInstance> from(SettingValues v) {
    String issuerVar = v.text(Setting.CLERK_ISSUER_URL);
    String publishable = v.text(Setting.CLERK_PUBLISHABLE_KEY);
    String jwksVar = v.text(Setting.CLERK_JWKS_URL);
    String pem = v.text(Setting.CLERK_JWT_KEY);
    if (issuerVar == null && publishable == null && jwksVar == null && pem == null) {
      return Optional.empty();
    }
    if (pem != null && jwksVar != null) {
      throw new ConfigException("CLERK_JWKS_URL", "set together with CLERK_JWT_KEY: keys come from one or the other");
    }
    // decoded even beside CLERK_ISSUER_URL: the key also names Clerk's suffixed session cookies
    String publishableIssuer = publishable == null ? null : PublishableKey.issuerOf(publishable);
    String issuer;
    if (issuerVar != null) {
      issuer = normaliseIssuer(issuerVar);
    } else if (publishable != null) {
      issuer = normaliseIssuer(publishableIssuer);
    } else {
      throw new ConfigException("CLERK_ISSUER_URL", "required with " + (pem != null ? "CLERK_JWT_KEY" : "CLERK_JWKS_URL")
        + ": tokens are accepted only from one issuer (or set CLERK_PUBLISHABLE_KEY)");
    }
    KeyOrigin keys = pem != null ? new Pem(PemPublicKey.parse(pem))
      : new Jwks(jwksVar != null ? url("CLERK_JWKS_URL", jwksVar) : issuer + "/.well-known/jwks.json");
    v.derived(Setting.CLERK_ISSUER_URL, issuer);
    if (keys instanceof Jwks jwks) {
      v.derived(Setting.CLERK_JWKS_URL, jwks.url());
    }
    return Optional.of(new ClerkInstance(issuer, keys, Optional.ofNullable(publishable)));
  }

  /**
   * Tolerates what users paste from the Clerk dashboard: a trailing {@code /} or the whole
   * {@code /.well-known/jwks.json} URL.
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

  /** An absolute https URL; plain http only for a loopback host. No query, fragment or credentials. */
  static String url(String key, String value) {
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
        throw new ConfigException(key, "must use https (plain http is accepted only for localhost, 127.0.0.0/8 and ::1)");
      }
    } else if (!scheme.equals("https")) {
      throw new ConfigException(key, "must use https");
    }
    if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
      throw new ConfigException(key, "must not carry a query, fragment or credentials");
    }
    return value;
  }

  /** Exactly {@code localhost}, an IPv4 literal in 127.0.0.0/8, or the IPv6 literal {@code ::1}. */
  static boolean isLoopback(String host) {
    return host.equalsIgnoreCase("localhost") || IPV4_LOOPBACK.matcher(host).matches()
      || host.equals("[::1]") || host.equals("::1");
  }
}
