package dev.clerkvertx.jwks;

import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * One RS256 verification key as a JWK: modulus and exponent in base64url, and its {@code kid}
 * (null only for the networkless {@code CLERK_JWT_KEY}, which matches any kid). Immutable.
 */
public record RsaJwk(String kid, String n, String e) {

  /** The JWK of a public key, as Clerk's JWKS lists it. */
  public static RsaJwk of(RSAPublicKey key, String kid) {
    return new RsaJwk(kid, base64Url(key.getModulus()), base64Url(key.getPublicExponent()));
  }

  /** The JWK JSON, as vertx-auth-jwt and JWKS documents expect it (a fresh object each call). */
  public JsonObject toJson() {
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256");
    if (kid != null) {
      jwk.put("kid", kid);
    }
    return jwk.put("n", n).put("e", e);
  }

  private static String base64Url(BigInteger v) {
    byte[] bytes = v.toByteArray();
    int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
  }
}
