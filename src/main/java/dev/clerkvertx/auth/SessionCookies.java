package dev.clerkvertx.auth;

import dev.clerkvertx.config.PublishableKey;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Clerk's session cookies, read as {@code authenticateRequest} of {@code @clerk/backend} reads them.
 * The token is {@code __session} and the client's last sign-in change {@code __client_uat} (epoch
 * seconds); when the publishable key is known, Clerk's browser SDK also writes both suffixed with
 * {@code _<first 8 characters of the base64url SHA-1 of the publishable key>}, and the suffixed pair
 * is read unless the SDK's {@code shouldUseSuffixed} rules prefer the plain one (the plain
 * {@code __session} is of this instance and newer; the suffixed {@code __client_uat} is {@code 0} while
 * the plain one is not; no suffixed {@code __client_uat}; the plain one is malformed or has no issuer).
 * A token with {@code __client_uat} absent, {@code 0} or not a whole number signs nobody in.
 * <p>
 * The rules that need a token's claims decode them only when the two session cookies differ: with one
 * token in both (what current browser SDKs write) every rule gives the same answer either way.
 */
public final class SessionCookies {
  static final String SESSION = "__session";
  static final String CLIENT_UAT = "__client_uat";
  private static final Pattern SCHEME = Pattern.compile("(?i)https?://");

  private final String suffixedSession;
  private final String suffixedUat;
  private final String frontendApi;
  private final boolean development;
  private final Clock clock;

  private SessionCookies(String suffix, String frontendApi, boolean development, Clock clock) {
    this.suffixedSession = suffix == null ? null : SESSION + "_" + suffix;
    this.suffixedUat = suffix == null ? null : CLIENT_UAT + "_" + suffix;
    this.frontendApi = frontendApi;
    this.development = development;
    this.clock = clock;
  }

  /** Only the plain pair: no publishable key is configured. */
  public static SessionCookies plain() {
    return new SessionCookies(null, null, false, Clock.systemUTC());
  }

  /** The suffixed pair first, for this (already validated) publishable key. */
  public static SessionCookies forPublishableKey(String publishableKey, Clock clock) {
    return new SessionCookies(suffix(publishableKey), PublishableKey.issuerOf(publishableKey).substring("https://".length()),
      publishableKey.startsWith("pk_test_"), clock);
  }

  /** Clerk's {@code getCookieSuffix}: the first 8 characters of the base64url SHA-1 of the key. */
  static String suffix(String publishableKey) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(publishableKey.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().encodeToString(sha1).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** The cookie token and its {@code __client_uat}; throws when there is none or it signs nobody in. */
  PresentedToken find(HttpServerRequest request) {
    boolean suffixed = suffixedSession != null && useSuffixed(request);
    String token = value(request, suffixed ? suffixedSession : SESSION);
    if (token == null) {
      throw new TokenRejectedException(TokenRejection.MISSING_TOKEN);
    }
    long clientUat = seconds(value(request, suffixed ? suffixedUat : CLIENT_UAT));
    if (clientUat <= 0) {
      throw new TokenRejectedException(TokenRejection.CLIENT_UAT_SIGNED_OUT);
    }
    return new PresentedToken(token, false, clientUat);
  }

  /** {@code shouldUseSuffixed} of {@code @clerk/backend}'s authenticate context, rule for rule. */
  private boolean useSuffixed(HttpServerRequest request) {
    String suffixedUatValue = value(request, suffixedUat);
    String suffixedToken = value(request, suffixedSession);
    if (suffixedUatValue == null && suffixedToken == null) {
      return false;
    }
    String uat = value(request, CLIENT_UAT);
    String token = value(request, SESSION);
    boolean same = token != null && token.equals(suffixedToken);
    if (token != null && !same) {
      Object iss = claim(token, "iss");
      if (!truthy(iss)) {
        return false;
      }
      if (!(iss instanceof String s) || !SCHEME.matcher(s).replaceAll("").equals(frontendApi)) {
        return true;
      }
    }
    if (!"0".equals(suffixedUatValue) && !"0".equals(uat) && !same && number(token, "iat") > number(suffixedToken, "iat")) {
      return false;
    }
    if ("0".equals(suffixedUatValue) && !"0".equals(uat)) {
      return false;
    }
    if (development && !"0".equals(suffixedUatValue) && "0".equals(uat) && !same && suffixedToken != null
      && claim(suffixedToken, "exp") instanceof Number exp && exp.doubleValue() <= clock.millis() / 1000) {
      return false;
    }
    return suffixedUatValue != null;
  }

  /** A cookie's value; null when absent or empty, as the SDK's {@code || undefined}. The first one wins. */
  private static String value(HttpServerRequest request, String name) {
    Cookie cookie = request.getCookie(name);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }

  /** {@code __client_uat} in seconds; 0 for absent or anything but a plain whole number. */
  static long seconds(String value) {
    if (value == null || value.isEmpty() || value.length() > 18) {
      return 0;
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /**
   * A claim of a token that is only decoded, never trusted (it picks a cookie, nothing more); null
   * when header or payload is not a JSON object, as the SDK's {@code decodeJwt} fails then.
   */
  private static Object claim(String token, String name) {
    int first = token == null ? -1 : token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      return null;
    }
    try {
      json(token.substring(0, first));
      return json(token.substring(first + 1, second)).getValue(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static JsonObject json(String segment) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
  }

  /** JavaScript's {@code !!value} for a JSON value. */
  private static boolean truthy(Object value) {
    return value != null && !"".equals(value) && !Boolean.FALSE.equals(value)
      && !(value instanceof Number n && (n.doubleValue() == 0 || Double.isNaN(n.doubleValue())));
  }

  /** The SDK's {@code payload.iat || 0}. */
  private static double number(String token, String name) {
    return claim(token, name) instanceof Number n ? n.doubleValue() : 0;
  }
}
