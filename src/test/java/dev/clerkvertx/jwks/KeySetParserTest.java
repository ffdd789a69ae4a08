package dev.clerkvertx.jwks;

import dev.clerkvertx.support.TestKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeySetParserTest {
  static JsonObject doc(JsonObject... keys) {
    return new JsonObject().put("keys", new JsonArray(List.of((Object[]) keys)));
  }

  @Test
  void keepsOnlyRsaSignatureKeysWithKidOfAtLeast2048Bits() {
    JsonObject good = TestKeys.jwk(TestKeys.RSA_A, "good");
    JsonObject noUse = TestKeys.jwk(TestKeys.RSA_B, "no-use");
    noUse.remove("use");
    noUse.remove("alg");
    List<RsaJwk> keys = KeySetParser.usableKeys(doc(
      good,
      noUse,
      TestKeys.jwk(TestKeys.RSA_A, "enc").put("use", "enc"),
      TestKeys.jwk(TestKeys.RSA_A, "rs512").put("alg", "RS512"),
      TestKeys.jwk(TestKeys.RSA_1024, "short"),
      TestKeys.jwk(TestKeys.RSA_A, null).putNull("kid"),
      new JsonObject().put("kty", "EC").put("kid", "ec").put("crv", "P-256").put("x", "AA").put("y", "AA"),
      new JsonObject().put("kty", "oct").put("kid", "hmac").put("k", "c2VjcmV0"),
      TestKeys.jwk(TestKeys.RSA_A, "bad-n").put("n", "!!!"),
      TestKeys.jwk(TestKeys.RSA_A, "e-one").put("e", "AQ"),
      TestKeys.jwk(TestKeys.RSA_A, "e-even").put("e", "AQAA")));
    assertThat(keys).extracting(RsaJwk::kid).containsExactly("good", "no-use");
    assertThat(keys).allMatch(k -> k.toJson().getString("alg").equals("RS256") && !k.toJson().containsKey("d"));
  }

  @Test
  void privateKeyMaterialIsNeverCarriedOver() {
    JsonObject withPrivate = TestKeys.jwk(TestKeys.RSA_A, "k").put("d", "secret").put("p", "x");
    assertThat(KeySetParser.usableKeys(doc(withPrivate)).get(0).toJson().fieldNames())
      .containsExactlyInAnyOrder("kty", "use", "alg", "kid", "n", "e");
  }

  @Test
  void documentWithoutKeysArrayIsNotAJwks() {
    assertThatThrownBy(() -> KeySetParser.usableKeys(new JsonObject().put("keys", "x")))
      .isInstanceOfSatisfying(JwksException.class, e -> assertThat(e.failure()).isEqualTo(JwksFailure.NOT_A_JWKS));
  }

  @Test
  void setWithNoUsableKeyIsAFailure() {
    assertThatThrownBy(() -> KeySetParser.usableKeys(doc(TestKeys.jwk(TestKeys.RSA_1024, "short"))))
      .isInstanceOfSatisfying(JwksException.class, e -> assertThat(e.failure()).isEqualTo(JwksFailure.NO_USABLE_KEY));
  }

  @Test
  void keySetRefusesToBeEmpty() {
    assertThatThrownBy(() -> KeySet.of(List.of(), KeySet.KidMatch.BY_KID, 1, java.time.Instant.EPOCH))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
