package dev.clerkvertx.dev;

import dev.clerkvertx.auth.TokenParser;
import dev.clerkvertx.jwks.RsaJwk;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stand-in for a Clerk instance in dev mode: an RSA key generated at start, its JWKS, and
 * session tokens shaped like Clerk's v2 tokens. Never used outside dev mode.
 */
public final class DevIssuer {
  /** Long enough to copy a curl command and explore GraphiQL; Clerk's own tokens live 60 s. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private final KeyPair keyPair;
  private final String kid;
  private final String issuer;
  private final Clock clock;

  private DevIssuer(KeyPair keyPair, String kid, String issuer, Clock clock) {
    this.keyPair = keyPair;
    this.kid = kid;
    this.issuer = issuer;
    this.clock = clock;
  }

  /** Generates the key (80 to 200 ms here): call off the event loops, before they serve traffic. */
  public static DevIssuer generate(String issuer, Clock clock) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      byte[] id = new byte[6];
      ThreadLocalRandom.current().nextBytes(id);
      return new DevIssuer(gen.generateKeyPair(), "ins_dev_" + HexFormat.of().formatHex(id), issuer, clock);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate the dev RSA key", e);
    }
  }

  public String issuer() {
    return issuer;
  }

  /** The public key as a JWK, as Clerk's JWKS would list it. */
  public RsaJwk publicJwk() {
    return RsaJwk.of((RSAPublicKey) keyPair.getPublic(), kid);
  }

  /** The JWKS document served at {@code /.well-known/jwks.json} in dev mode. */
  public JsonObject jwks() {
    return new JsonObject().put("keys", new JsonArray().add(publicJwk().toJson()));
  }

  /**
   * A Clerk-shaped v2 session token ({@code cat} header, {@code sid}, {@code sts}); {@code overrides}
   * replace or add claims (a null value removes one).
   */
  public String mint(JsonObject overrides, Duration lifetime) {
    long now = clock.instant().getEpochSecond();
    JsonObject claims = new JsonObject()
      .put("azp", "http://localhost:3000")
      .put("exp", now + lifetime.toSeconds())
      .put("fva", new JsonArray().add(0).add(-1))
      .put("iat", now)
      .put("iss", issuer)
      .put("nbf", now - 10)
      .put("sid", "sess_dev")
      .put("sts", "active")
      .put("sub", "user_dev")
      .put("v", 2);
    overrides.forEach(e -> {
      if (e.getValue() == null) {
        claims.remove(e.getKey());
      } else {
        claims.put(e.getKey(), e.getValue());
      }
    });
    JsonObject header = new JsonObject().put("alg", "RS256").put("cat", TokenParser.SESSION_CATEGORY).put("kid", kid)
      .put("typ", "JWT");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
      + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keyPair.getPrivate());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a dev token", e);
    }
  }
}
