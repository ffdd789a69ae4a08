package dev.clerkvertx.config;

import dev.clerkvertx.support.TestKeys;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.security.interfaces.RSAPublicKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** .env as dotenv and docker compose read it, PEM keys pasted the way the Clerk dashboard shows them. */
class DotEnvTest {
  /** A real public key in the dashboard's PEM form: header, 64-character base64 lines, footer. */
  static final String PEM = TestKeys.pem(TestKeys.RSA_A).strip();

  static JsonObject parse(String text) {
    return DotEnv.parse(".env", text);
  }

  static RSAPublicKey key(JsonObject env) {
    return PemPublicKey.parse(env.getString("CLERK_JWT_KEY"));
  }

  @Test
  void aPemPastedOverSeveralLinesInDoubleQuotesIsTheKey() {
    assertThat(PEM.lines().count()).isGreaterThan(3);
    JsonObject env = parse("CLERK_ISSUER_URL=https://a.clerk.accounts.dev\nCLERK_JWT_KEY=\"" + PEM + "\"\nPORT=9000\n");
    assertThat(env.getString("CLERK_JWT_KEY")).isEqualTo(PEM);
    assertThat(key(env)).isEqualTo(TestKeys.RSA_A.getPublic());
    assertThat(env.getString("PORT")).isEqualTo("9000");
  }

  @Test
  void aPemOnOneLineWithNewlineEscapesIsTheKey() {
    String oneLine = PEM.replace("\n", "\\n");
    assertThat(oneLine).doesNotContain("\n");
    JsonObject env = parse("CLERK_JWT_KEY=\"" + oneLine + "\"\n");
    assertThat(env.getString("CLERK_JWT_KEY")).isEqualTo(PEM);
    assertThat(key(env)).isEqualTo(TestKeys.RSA_A.getPublic());
    // unquoted, the escapes stay literal (as in dotenv), and the key still parses
    assertThat(key(parse("CLERK_JWT_KEY=" + oneLine + "\n"))).isEqualTo(TestKeys.RSA_A.getPublic());
  }

  @Test
  void aPemPastedOverSeveralLinesWithWindowsLineEndingsIsTheKey() {
    JsonObject env = parse(("CLERK_JWT_KEY=\"" + PEM + "\"\n").replace("\n", "\r\n"));
    assertThat(key(env)).isEqualTo(TestKeys.RSA_A.getPublic());
  }

  @Test
  void singleQuotesAreLiteralAndMaySpanLines() {
    JsonObject env = parse("CLERK_ISSUER_URL='a\\nb # not a comment'\nCLERK_JWT_KEY='" + PEM + "'\n");
    assertThat(env.getString("CLERK_ISSUER_URL")).isEqualTo("a\\nb # not a comment");
    assertThat(key(env)).isEqualTo(TestKeys.RSA_A.getPublic());
  }

  @Test
  void doubleQuotesUnderstandEscapes() {
    assertThat(parse("CLERK_ISSUER_URL=\"a\\tb\\\"c\\\\d\\xe\"").getString("CLERK_ISSUER_URL")).isEqualTo("a\tb\"c\\d\\xe");
  }

  @Test
  void exportPrefixCommentsAndBlankLines() {
    JsonObject env = parse(String.join("\n",
      "\uFEFF# Clerk",
      "",
      "   ",
      "export CLERK_ISSUER_URL=https://a.clerk.accounts.dev # my instance",
      "  export\tPORT = 9000",
      "CLERK_AUTHORIZED_PARTIES=\"http://localhost:3000\"   # quoted, then a comment",
      "CORS_ALLOWED_ORIGINS=",
      "ACCESS_LOG=true#not-a-comment"));
    assertThat(env).isEqualTo(new JsonObject().put("CLERK_ISSUER_URL", "https://a.clerk.accounts.dev").put("PORT", "9000")
      .put("CLERK_AUTHORIZED_PARTIES", "http://localhost:3000").put("CORS_ALLOWED_ORIGINS", "")
      .put("ACCESS_LOG", "true#not-a-comment"));
  }

  @Test
  void anUnquotedPemOverSeveralLinesIsRefusedSayingToQuoteIt() {
    assertThatThrownBy(() -> parse("PORT=1\nCLERK_JWT_KEY=" + PEM + "\n"))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining(".env").hasMessageContaining("line 3").hasMessageContaining("double quotes");
  }

  @Test
  void aQuoteNeverClosedIsRefusedNamingTheLineItOpensOn() {
    assertThatThrownBy(() -> parse("PORT=1\nCLERK_JWT_KEY=\"" + PEM + "\n\nPORT=2\n"))
      .isInstanceOf(ConfigException.class).hasMessageContaining("line 2").hasMessageContaining("never closed");
  }

  @Test
  void textAfterAClosingQuoteIsRefusedNamingItsLine() {
    assertThatThrownBy(() -> parse("PORT=1\nCLERK_JWT_KEY=\"a\nb\"c\n"))
      .isInstanceOf(ConfigException.class).hasMessageContaining("line 3").hasMessageContaining("after the closing quote");
  }

  @Test
  void anUnknownNameStopsStartUpNamingTheLineAndTheClosestSetting() {
    assertThatThrownBy(() -> parse("# instance\nCLERK_ISSUER_URL=https://a.clerk.accounts.dev\nCLERK_AUTHORIZED_PARTY=http://localhost:3000\n"))
      .isInstanceOf(ConfigException.class)
      .hasMessage(".env: line 3: CLERK_AUTHORIZED_PARTY is not a setting of clerk-vertx; did you mean CLERK_AUTHORIZED_PARTIES?");
    assertThatThrownBy(() -> parse("CLERK_ISSUER=https://a.clerk.accounts.dev"))
      .hasMessageContaining("did you mean CLERK_ISSUER_URL?");
    assertThatThrownBy(() -> parse("log_level=debug")).hasMessageContaining("did you mean LOG_LEVEL?");
    assertThatThrownBy(() -> parse("CLERK_SECRET_KEY=sk_test_x")).hasMessageContaining("CLERK_SECRET_KEY is not needed");
  }

  @Test
  void aLineThatIsNoAssignmentIsRefused() {
    for (String line : new String[]{"this is not an assignment", "=value", "1PORT=2", "PORT 2"}) {
      assertThatThrownBy(() -> parse("PORT=1\n" + line + "\n")).as(line)
        .isInstanceOf(ConfigException.class).hasMessageContaining("line 2 is not KEY=value");
    }
  }
}
