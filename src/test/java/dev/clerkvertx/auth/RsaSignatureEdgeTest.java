package dev.clerkvertx.auth;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.impl.jose.JWS;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * RS256 signatures that are not the one canonical encoding of a valid signature are refused under
 * either provider: other lengths (a leading zero stripped or added), values at or above the modulus,
 * degenerate values, other paddings and digests, another key. And vertx-auth-jwt verifies through the
 * chosen provider.
 */
@ExtendWith(VertxExtension.class)
class RsaSignatureEdgeTest {
  static final String KID = "ins_rsa_edges";
  static final BigInteger MODULUS = ((RSAPublicKey) TestKeys.RSA_A.getPublic()).getModulus();

  Fixture world;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, KID);
  }

  @Test
  void autoVerifiesThroughCorrettoWhereItsNativeLibraryLoads() throws Exception {
    assumeTrue(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null, "Corretto does not load on this platform");
    Service service = world.service(Map.of("RSA_PROVIDER", "auto"));
    assertThat(providerOfVertxAuthJwt()).isEqualTo(RsaProvider.CORRETTO);
    assertThat(service.get("/rest-endpoints/1", world.token()).statusCode()).isEqualTo(200);
  }

  @Test
  void jdkSettingVerifiesThroughTheJdk() throws Exception {
    Service service = world.service(Map.of("RSA_PROVIDER", "jdk"));
    assertThat(providerOfVertxAuthJwt()).isEqualTo("SunRsaSign");
    assertThat(service.get("/rest-endpoints/1", world.token()).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "RSA_PROVIDER={0}")
  @ValueSource(strings = {"auto", "jdk"})
  void everyNonCanonicalOrForeignSignatureIsRefused(String provider) throws Exception {
    Service service = world.service(Map.of("RSA_PROVIDER", provider));
    Map<String, String> forged = new LinkedHashMap<>();

    String[] withLeadingZero = split(signedUntil(sig -> sig[0] == 0));
    byte[] sig = decode(withLeadingZero[2]);
    forged.put("leading zero stripped (255 bytes)", join(withLeadingZero, Arrays.copyOfRange(sig, 1, sig.length)));
    forged.put("leading zero added (257 bytes)", join(withLeadingZero, prefixZero(sig)));

    String[] any = split(world.token());
    byte[] s = decode(any[2]);
    forged.put("zero added before a full-length signature", join(any, prefixZero(s)));
    forged.put("signature plus modulus (257 bytes)", join(any, new BigInteger(1, s).add(MODULUS).toByteArray()));
    // s + n fits in 256 bytes for some s whenever n < 2^2048 - 2^2040 (the test key's does: asserted)
    assertThat(MODULUS.bitLength()).isEqualTo(2048);
    assertThat(BigInteger.TWO.pow(2048).subtract(MODULUS)).isGreaterThan(BigInteger.TWO.pow(2040));
    String[] small = split(signedUntil(b -> new BigInteger(1, b).add(MODULUS).bitLength() <= 2048));
    forged.put("signature plus modulus in 256 bytes", join(small, unsigned(new BigInteger(1, decode(small[2])).add(MODULUS))));
    forged.put("modulus itself", join(any, unsigned(MODULUS)));
    forged.put("all zero", join(any, new byte[256]));
    forged.put("one", join(any, unsigned(BigInteger.ONE)));
    byte[] ff = new byte[256];
    Arrays.fill(ff, (byte) 0xff);
    forged.put("all ones", join(any, ff));
    forged.put("empty", any[0] + "." + any[1] + ".");
    forged.put("PSS padding", signedAs("RSASSA-PSS"));
    forged.put("SHA-1 DigestInfo", signedAs("SHA1withRSA"));
    forged.put("SHA-512 DigestInfo", signedAs("SHA512withRSA"));
    forged.put("another key", world.token(TestKeys.RSA_B, KID));
    forged.put("last byte flipped", join(any, flipLast(s)));

    for (Map.Entry<String, String> c : forged.entrySet()) {
      assertThat(service.get("/rest-endpoints/1", c.getValue()).statusCode()).as(c.getKey()).isEqualTo(401);
      assertThat(service.rejections.last()).as(c.getKey()).isIn(TokenRejection.BAD_SIGNATURE, TokenRejection.MALFORMED);
    }
    assertThat(service.get("/rest-endpoints/1", world.token()).statusCode()).as("the genuine token").isEqualTo(200);
  }

  /** The provider of the Signature that vertx-auth-jwt's JWS holds for an RS256 key, as JWTAuth builds it. */
  private String providerOfVertxAuthJwt() throws Exception {
    JWS jws = new JWS(new JWK(TestKeys.jwk(TestKeys.RSA_A, KID).put("alg", "RS256")));
    var field = JWS.class.getDeclaredField("signature");
    field.setAccessible(true);
    return ((Signature) field.get(jws)).getProvider().getName();
  }

  private String signedUntil(java.util.function.Predicate<byte[]> wanted) {
    for (int i = 0; i < 100_000; i++) {
      JsonObject claims = world.claims().put("jti", "edge-" + i);
      String t = world.token(claims);
      if (wanted.test(decode(split(t)[2]))) {
        return t;
      }
    }
    throw new AssertionError("no signature of the wanted shape in 100,000 tries");
  }

  private String signedAs(String jcaAlgorithm) {
    return Tokens.sign(jcaAlgorithm, TestKeys.RSA_A.getPrivate(), Claims.header(KID), world.claims());
  }

  private static String[] split(String token) {
    return token.split("\\.", -1);
  }

  private static byte[] decode(String segment) {
    return Base64.getUrlDecoder().decode(segment.getBytes(StandardCharsets.US_ASCII));
  }

  private static String join(String[] parts, byte[] signature) {
    return parts[0] + "." + parts[1] + "." + Tokens.b64(signature);
  }

  private static byte[] prefixZero(byte[] sig) {
    byte[] out = new byte[sig.length + 1];
    System.arraycopy(sig, 0, out, 1, sig.length);
    return out;
  }

  /** {@code v} as exactly 256 big-endian bytes. */
  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[256];
    int n = Math.min(b.length, 256);
    System.arraycopy(b, b.length - n, out, 256 - n, n);
    return out;
  }

  private static byte[] flipLast(byte[] sig) {
    byte[] out = sig.clone();
    out[out.length - 1] ^= 1;
    return out;
  }
}
