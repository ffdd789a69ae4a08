package dev.clerkvertx.hostile;

import dev.clerkvertx.auth.TokenRejection;
import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: base64url decoders ignore the unused low bits of a segment's last character, so the
 * 342-character signature of an RS256 token (256 bytes: 4 unused bits) has 16 spellings that all
 * verify, each a separate cache entry and a separate RSA verification. Only the canonical spelling of
 * each of the three segments is accepted; padding and the standard alphabet are refused too.
 */
@ExtendWith(VertxExtension.class)
class AlternateSpellingTest {
  static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "ins_b64");
    service = world.service();
  }

  /** Every spelling of {@code segment}'s last character that decodes to the same bytes, the canonical one first. */
  static List<String> spellings(String segment) {
    int unused = switch (segment.length() % 4) {
      case 2 -> 0x0F;
      case 3 -> 0x03;
      default -> 0;
    };
    int canonical = ALPHABET.indexOf(segment.charAt(segment.length() - 1));
    List<String> all = new ArrayList<>();
    for (int bits = 0; bits <= unused; bits++) {
      all.add(segment.substring(0, segment.length() - 1) + ALPHABET.charAt(canonical | bits));
    }
    return all;
  }

  static String sign(String signingInput) throws Exception {
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(TestKeys.RSA_A.getPrivate());
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return Tokens.b64(rsa.sign());
  }

  void assertRefused(String token) {
    HttpResponse<Buffer> resp = service.get("/rest-endpoints/1", token);
    assertThat(resp.statusCode()).isEqualTo(401);
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.NON_CANONICAL_BASE64URL);
  }

  @Test
  void theFifteenOtherSpellingsOfASignatureAreRefusedAndNeverCached() {
    String token = world.token();
    int dot = token.lastIndexOf('.');
    List<String> signatures = spellings(token.substring(dot + 1));
    assertThat(signatures).hasSize(16);
    assertThat(service.get("/rest-endpoints/1", token).statusCode()).isEqualTo(200);
    for (String signature : signatures.subList(1, 16)) {
      assertRefused(token.substring(0, dot + 1) + signature);
    }
    assertThat(service.running.sessions().size()).as("one token, one cached session").isEqualTo(1);
  }

  @Test
  void headerAndPayloadSpelledOtherwiseAreRefusedEvenWhenThatSpellingIsSigned() throws Exception {
    // a header and a payload whose encodings end mid-group (unused bits), each really signed as spelled
    String pad = "";
    String header;
    String payload;
    do {
      pad += "x";
      header = Tokens.b64(Claims.header("ins_b64").put("pad", pad).encode());
      payload = Tokens.b64(world.claims().put("pad", pad).encode());
    } while (header.length() % 4 == 0 || payload.length() % 4 == 0);
    String canonical = header + "." + payload;
    assertThat(service.get("/rest-endpoints/1", canonical + "." + sign(canonical)).statusCode()).isEqualTo(200);
    for (String h : spellings(header).subList(1, spellings(header).size())) {
      assertRefused(h + "." + payload + "." + sign(h + "." + payload));
    }
    for (String p : spellings(payload).subList(1, spellings(payload).size())) {
      assertRefused(header + "." + p + "." + sign(header + "." + p));
    }
  }

  @Test
  void paddingAndTheStandardAlphabetAreRefused() throws Exception {
    String token = world.token();
    assertRefused(token + "==");
    assertRefused(token.substring(0, token.indexOf('.')) + "=" + token.substring(token.indexOf('.')));
    // the same bytes in standard base64: '+' and '/' for '-' and '_' (signature re-made so it matches)
    String input;
    String pad = "";
    do {
      pad += "~";
      input = Tokens.b64(Claims.header("ins_b64").encode()) + "." + Tokens.b64(world.claims().put("pad", pad).encode());
    } while (!input.contains("-") && !input.contains("_") && pad.length() < 64);
    String standard = input.replace('-', '+').replace('_', '/');
    assertThat(standard).isNotEqualTo(input);
    assertRefused(standard + "." + sign(standard));
    // a segment of 4n+1 characters encodes no whole byte
    assertRefused(token + "AAA");
  }
}
