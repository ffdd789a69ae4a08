package dev.clerkvertx.support;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/** Builds compact JWS tokens with any header and payload, really signed with the given algorithm. */
public final class Tokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {
  }

  public static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  public static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /** Header and payload segments joined: the JWS signing input. */
  public static String signingInput(JsonObject header, JsonObject payload) {
    return b64(header.encode()) + "." + b64(payload.encode());
  }

  public static String rs256(PrivateKey key, JsonObject header, JsonObject payload) {
    return sign("SHA256withRSA", key, header, payload);
  }

  public static String sign(String jcaAlgorithm, PrivateKey key, JsonObject header, JsonObject payload) {
    String input = signingInput(header, payload);
    try {
      Signature s = Signature.getInstance(jcaAlgorithm);
      if (jcaAlgorithm.equals("RSASSA-PSS")) {
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      }
      s.initSign(key);
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      byte[] sig = s.sign();
      if (jcaAlgorithm.equals("SHA256withECDSA")) {
        sig = derToJose(sig, 32);
      }
      return input + "." + b64(sig);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hs256(byte[] secret, JsonObject header, JsonObject payload) {
    String input = signingInput(header, payload);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] derToJose(byte[] der, int size) {
    int offset = 3;
    int rLen = der[offset];
    byte[] r = java.util.Arrays.copyOfRange(der, offset + 1, offset + 1 + rLen);
    offset = offset + 1 + rLen + 1;
    int sLen = der[offset];
    byte[] s = java.util.Arrays.copyOfRange(der, offset + 1, offset + 1 + sLen);
    byte[] out = new byte[2 * size];
    copyRight(r, out, 0, size);
    copyRight(s, out, size, size);
    return out;
  }

  private static void copyRight(byte[] src, byte[] dst, int at, int size) {
    int start = Math.max(0, src.length - size);
    int len = src.length - start;
    System.arraycopy(src, start, dst, at + size - len, len);
  }
}
