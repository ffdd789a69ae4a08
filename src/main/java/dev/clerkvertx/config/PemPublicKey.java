package dev.clerkvertx.config;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Parses {@code CLERK_JWT_KEY}, once, at start-up: an RSA public key in PEM form of at least 2048 bits. */
public final class PemPublicKey {
  /** The weakest RSA key accepted anywhere (JWKS keys are filtered by the same bound). */
  public static final int MIN_RSA_BITS = 2048;

  private PemPublicKey() {
  }

  /** The key; the message of a failure names the variable, never the key material. */
  public static RSAPublicKey parse(String value) {
    // a PEM put into one environment variable line often keeps its line breaks as literal \n
    String pem = value.replace("\\n", "\n");
    if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
      throw new ConfigException("CLERK_JWT_KEY", "must be a PEM public key (-----BEGIN PUBLIC KEY-----)");
    }
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
    String weakness = weakness(key);
    if (weakness != null) {
      throw new ConfigException("CLERK_JWT_KEY", "RSA key " + weakness);
    }
    return key;
  }

  /** Why this key must not verify anything (too short, or an exponent that makes forgery easy), or null. */
  public static String weakness(RSAPublicKey key) {
    if (key.getModulus().bitLength() < MIN_RSA_BITS) {
      return "modulus shorter than " + MIN_RSA_BITS + " bits";
    }
    BigInteger e = key.getPublicExponent();
    if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
      return "exponent is not an odd number of at least 3";
    }
    return null;
  }
}
