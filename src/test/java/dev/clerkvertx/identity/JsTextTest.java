package dev.clerkvertx.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** JavaScript's {@code String.prototype.trim} set (ECMAScript WhiteSpace and LineTerminator), written out. */
class JsTextTest {
  static final String JS_SPACE = "\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    + "\u2028\u2029\u202f\u205f\u3000\ufeff";
  static final String NOT_JS_SPACE = "\u0000\u0008\u000e\u001c\u001d\u001e\u001f\u0085\u180e\u200b\u200c\u200d\u2060";

  @Test
  void trimsExactlyJavaScriptsWhiteSpace() {
    for (char c : JS_SPACE.toCharArray()) {
      assertThat(JsText.trim(c + "x" + c)).as("U+%04X", (int) c).isEqualTo("x");
    }
    for (char c : NOT_JS_SPACE.toCharArray()) {
      assertThat(JsText.trim(c + "x" + c)).as("U+%04X", (int) c).isEqualTo(c + "x" + c);
    }
    assertThat(JsText.trim(" a b ")).isEqualTo("a b");
    assertThat(JsText.trim(JS_SPACE)).isEmpty();
  }
}
