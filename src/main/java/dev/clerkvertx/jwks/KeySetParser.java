package dev.clerkvertx.jwks;

import dev.clerkvertx.config.PemPublicKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Picks the usable keys out of a JWKS document: {@code kty} RSA, {@code use} sig or absent,
 * {@code alg} RS256 or absent, a {@code kid}, and a valid RSA public key of at least 2048 bits.
 * Everything else is skipped with a debug line; a document with no usable key is a failure, never
 * an empty set.
 */
public final class KeySetParser {
  private static final Logger LOG = LoggerFactory.getLogger(KeySetParser.class);

  private KeySetParser() {
  }

  public static List<RsaJwk> usableKeys(JsonObject document) {
    Object keysValue = document.getValue("keys");
    if (!(keysValue instanceof JsonArray keys)) {
      throw new JwksException(JwksFailure.NOT_A_JWKS, "no \"keys\" array");
    }
    List<RsaJwk> usable = new ArrayList<>();
    for (Object o : keys) {
      if (!(o instanceof JsonObject jwk)) {
        LOG.debug("JWKS entry skipped: not an object");
        continue;
      }
      String skip = whyUnusable(jwk);
      if (skip != null) {
        LOG.debug("JWKS key {} skipped: {}", jwk.getValue("kid"), skip);
        continue;
      }
      usable.add(new RsaJwk(jwk.getString("kid"), jwk.getString("n"), jwk.getString("e")));
    }
    if (usable.isEmpty()) {
      throw new JwksException(JwksFailure.NO_USABLE_KEY,
        keys.size() + " keys, none RSA/sig/RS256 with kid and >= " + PemPublicKey.MIN_RSA_BITS + " bits");
    }
    return usable;
  }

  private static String whyUnusable(JsonObject jwk) {
    if (!"RSA".equals(jwk.getValue("kty"))) {
      return "kty is not RSA";
    }
    Object use = jwk.getValue("use");
    if (use != null && !"sig".equals(use)) {
      return "use is not sig";
    }
    Object alg = jwk.getValue("alg");
    if (alg != null && !"RS256".equals(alg)) {
      return "alg is not RS256";
    }
    if (!(jwk.getValue("kid") instanceof String kid) || kid.isEmpty()) {
      return "no kid";
    }
    if (!(jwk.getValue("n") instanceof String n) || !(jwk.getValue("e") instanceof String e)) {
      return "no modulus or exponent";
    }
    RSAPublicKey key;
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
        new RSAPublicKeySpec(new BigInteger(1, b64.decode(n)), new BigInteger(1, b64.decode(e))));
    } catch (Exception ex) {
      return "not a valid RSA public key";
    }
    return PemPublicKey.weakness(key);
  }
}
