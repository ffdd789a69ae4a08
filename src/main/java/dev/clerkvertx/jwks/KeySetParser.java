package dev.clerkvertx.jwks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWK;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Picks the usable keys out of a JWKS document: {@code kty} RSA, {@code use} sig or absent,
 * {@code alg} RS256 or absent, a {@code kid}, and a modulus of at least 2048 bits. Everything else is
 * skipped with a debug line; a document with no usable key is a failure, never an empty set.
 */
public final class KeySetParser {
  private static final Logger LOG = LoggerFactory.getLogger(KeySetParser.class);
  static final int MIN_MODULUS_BITS = 2048;

  private KeySetParser() {
  }

  public static List<JsonObject> usableKeys(JsonObject document) {
    Object keysValue = document.getValue("keys");
    if (!(keysValue instanceof JsonArray keys)) {
      throw new JwksException(JwksFailure.NOT_A_JWKS, "no \"keys\" array");
    }
    List<JsonObject> usable = new ArrayList<>();
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
      JsonObject clean = new JsonObject()
        .put("kty", "RSA").put("use", "sig").put("alg", "RS256")
        .put("kid", jwk.getString("kid")).put("n", jwk.getString("n")).put("e", jwk.getString("e"));
      try {
        new JWK(clean);
      } catch (RuntimeException e) {
        LOG.debug("JWKS key {} skipped: not a valid RSA public key", clean.getString("kid"));
        continue;
      }
      usable.add(clean);
    }
    if (usable.isEmpty()) {
      throw new JwksException(JwksFailure.NO_USABLE_KEY, keys.size() + " keys, none RSA/sig/RS256 with kid and >= 2048 bits");
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
    if (!(jwk.getValue("n") instanceof String n) || !(jwk.getValue("e") instanceof String)) {
      return "no modulus or exponent";
    }
    try {
      if (new BigInteger(1, Base64.getUrlDecoder().decode(n)).bitLength() < MIN_MODULUS_BITS) {
        return "modulus shorter than " + MIN_MODULUS_BITS + " bits";
      }
    } catch (IllegalArgumentException e) {
      return "modulus is not base64url";
    }
    return null;
  }
}
