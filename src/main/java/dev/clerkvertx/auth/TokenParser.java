package dev.clerkvertx.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.Base64;

/**
 * Structural checks done before any key is touched: exactly three non-empty segments in canonical
 * base64url (the url alphabet, no padding, the unused low bits of a last character zero: so no token
 * has a second spelling, and none becomes a second cache entry), a JSON-object header and payload, {@code alg} exactly RS256 (so none, HS256 with the public key
 * as secret, RS384, PS256, ES256 are all refused), no {@code crit}, a string {@code kid} if any, and
 * a header that does not mark another class of Clerk token: a {@code cat} other than the session or
 * "ignore" category, a {@code typ} other than {@code JWT} (an OAuth access token is {@code at+jwt}).
 * Header fields {@code jku}, {@code jwk}, {@code x5u}, {@code x5c} are never read.
 */
public final class TokenParser {
  /** Clerk's {@code cat} header of a session token. */
  public static final String SESSION_CATEGORY = "cl_B7d4PD111AAA";
  /** Clerk's "ignore" category, stamped on every class by some instances: it says nothing. */
  static final String IGNORED_CATEGORY = "cl_I7d4PD111III";

  /** The 6-bit value of each base64url character below 128, -1 for any other character. */
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = (byte) i;
    }
  }

  /** Far above a Clerk session token (under 1 KiB); bounds the work spent on garbage. */
  static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private TokenParser() {
  }

  public static ParsedToken parse(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      throw reject(TokenRejection.MALFORMED);
    }
    int firstDot = -1;
    int secondDot = -1;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (firstDot < 0) {
          firstDot = i;
        } else if (secondDot < 0) {
          secondDot = i;
        } else {
          throw reject(TokenRejection.MALFORMED);
        }
      } else if (!isBase64Url(c)) {
        // padding or the standard alphabet: base64, but not the one spelling JWS allows
        throw reject(c == '=' || c == '+' || c == '/' ? TokenRejection.NON_CANONICAL_BASE64URL : TokenRejection.MALFORMED);
      }
    }
    if (secondDot < 0 || firstDot == 0 || secondDot == firstDot + 1 || secondDot == token.length() - 1) {
      throw reject(TokenRejection.MALFORMED);
    }
    checkCanonical(token, 0, firstDot);
    checkCanonical(token, firstDot + 1, secondDot);
    checkCanonical(token, secondDot + 1, token.length());
    JsonObject header = decodeObject(token, 0, firstDot);
    Object alg = header.getValue("alg");
    if (!"RS256".equals(alg)) {
      throw reject(TokenRejection.UNSUPPORTED_ALGORITHM);
    }
    if (header.containsKey("crit")) {
      // RFC 7515 4.1.11: a recipient that does not understand a listed extension must reject
      throw reject(TokenRejection.UNKNOWN_CRITICAL_HEADER);
    }
    if (header.containsKey("cat")) {
      Object cat = header.getValue("cat");
      if (!SESSION_CATEGORY.equals(cat) && !IGNORED_CATEGORY.equals(cat)) {
        throw reject(TokenRejection.NOT_SESSION_CATEGORY);
      }
    }
    if (header.containsKey("typ") && !"JWT".equals(header.getValue("typ"))) {
      throw reject(TokenRejection.NOT_SESSION_TYPE);
    }
    Object kid = header.getValue("kid");
    if (kid != null && !(kid instanceof String)) {
      throw reject(TokenRejection.MALFORMED);
    }
    JsonObject payload = decodeObject(token, firstDot + 1, secondDot);
    return new ParsedToken(token, payload, (String) kid);
  }

  /**
   * RFC 4648 section 3.5: the bits of a last character beyond the encoded bytes must be zero, else a
   * decoder accepts 4 (two trailing bits) or 16 (four) spellings of the same bytes. A length of 4n+1
   * characters encodes no whole byte. O(1): only the last character is looked at.
   */
  private static void checkCanonical(String token, int from, int to) {
    int rest = (to - from) % 4;
    if (rest == 1) {
      throw reject(TokenRejection.NON_CANONICAL_BASE64URL);
    }
    int unusedBits = rest == 2 ? 0x0F : rest == 3 ? 0x03 : 0;
    if ((value(token.charAt(to - 1)) & unusedBits) != 0) {
      throw reject(TokenRejection.NON_CANONICAL_BASE64URL);
    }
  }

  /** The 6-bit value of a base64url character (already checked to be one). */
  private static int value(char c) {
    return VALUES[c];
  }

  private static JsonObject decodeObject(String token, int from, int to) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(token.substring(from, to));
      return new JsonObject(Buffer.buffer(json));
    } catch (RuntimeException e) {
      throw reject(TokenRejection.MALFORMED);
    }
  }

  /** One table look-up a character: the scan of a 700-character token was a tenth of a miss's Java time (JFR). */
  private static boolean isBase64Url(char c) {
    return c < 128 && VALUES[c] >= 0;
  }

  private static TokenRejectedException reject(TokenRejection reason) {
    return new TokenRejectedException(reason);
  }
}
