package dev.clerkvertx.jwks;

import dev.clerkvertx.config.ConfigException;
import io.vertx.core.json.JsonObject;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Turns the networkless {@code CLERK_JWT_KEY} PEM into the one JWK of a key set, once, at start. */
public final class PemKey {
  private PemKey() {
  }

  /** Parses an RSA public key PEM of at least 2048 bits; the message names the variable, never the key. */
  public static JsonObject toJwk(String pem) {
    String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
      .replace("-----END PUBLIC KEY-----", "")
      .replaceAll("\\s", "");
    RSAPublicKey key;
    try {
      byte[] der = Base64.getDecoder().decode(body);
      key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (Exception e) {
      throw new ConfigException("CLERK_JWT_KEY", "not an RSA public key in PEM form");
    }
    if (key.getModulus().bitLength() < KeySetParser.MIN_MODULUS_BITS) {
      throw new ConfigException("CLERK_JWT_KEY", "RSA key shorter than 2048 bits");
    }
    return toJwk(key, null);
  }

  /** The JWK JSON of an RSA public key; {@code kid} may be null (matches any token kid). */
  public static JsonObject toJwk(RSAPublicKey key, String kid) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256")
      .put("n", b64.encodeToString(unsigned(key.getModulus().toByteArray())))
      .put("e", b64.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
    if (kid != null) {
      jwk.put("kid", kid);
    }
    return jwk;
  }

  private static byte[] unsigned(byte[] bytes) {
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] out = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, out, 0, out.length);
      return out;
    }
    return bytes;
  }
}
