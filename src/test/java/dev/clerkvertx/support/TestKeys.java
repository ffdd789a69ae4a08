package dev.clerkvertx.support;

import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Real keys for real signatures; RSA generation is slow, so each kind is made once per JVM. */
public final class TestKeys {
  private TestKeys() {
  }

  public static final KeyPair RSA_A = rsa(2048);
  public static final KeyPair RSA_B = rsa(2048);
  public static final KeyPair RSA_1024 = rsa(1024);
  public static final KeyPair EC_P256 = ec();

  public static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public half as a JWKS entry, the way Clerk publishes it. */
  public static JsonObject jwk(KeyPair pair, String kid) {
    RSAPublicKey k = (RSAPublicKey) pair.getPublic();
    return new JsonObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
      .put("n", b64(k.getModulus())).put("e", b64(k.getPublicExponent()));
  }

  /** The public half in PEM form, as CLERK_JWT_KEY holds it. */
  public static String pem(KeyPair pair) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  private static String b64(BigInteger v) {
    byte[] bytes = v.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] t = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, t, 0, t.length);
      bytes = t;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
