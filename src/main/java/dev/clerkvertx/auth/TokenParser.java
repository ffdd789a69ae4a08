package dev.clerkvertx.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.Base64;

/**
 * Structural checks done before any key is touched: exactly three non-empty base64url segments,
 * a JSON-object header and payload, {@code alg} exactly RS256 (so none, HS256 with the public key
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
        throw reject(TokenRejection.MALFORMED);
      }
    }
    if (secondDot < 0 || firstDot == 0 || secondDot == firstDot + 1 || secondDot == token.length() - 1) {
      throw reject(TokenRejection.MALFORMED);
    }
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

  private static JsonObject decodeObject(String token, int from, int to) {
    if ((to - from) % 4 == 1) {
      throw reject(TokenRejection.MALFORMED);
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(token.substring(from, to));
      return new JsonObject(Buffer.buffer(json));
    } catch (RuntimeException e) {
      throw reject(TokenRejection.MALFORMED);
    }
  }

  private static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  private static TokenRejectedException reject(TokenRejection reason) {
    return new TokenRejectedException(reason);
  }
}
