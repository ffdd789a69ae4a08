package dev.clerkvertx.identity;

/**
 * How Clerk's JavaScript SDK reads claim text: JavaScript's {@code String.prototype.trim} (white
 * space and line terminators as ECMAScript defines them, which differ from Java's {@code strip()},
 * e.g. U+001F, U+00A0, U+FEFF) and JavaScript truthiness.
 */
final class JsText {
  private JsText() {
  }

  /** ECMAScript WhiteSpace or LineTerminator. */
  static boolean isSpace(char c) {
    return switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF -> true;
      default -> c >= 0x2000 && c <= 0x200A;
    };
  }

  /** {@code s.trim()} in JavaScript. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /** Whether JavaScript treats this decoded JSON value as true ({@code null}, {@code false}, 0, NaN and "" are not). */
  static boolean truthy(Object value) {
    if (value == null || value instanceof Boolean b && !b) {
      return false;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    return !(value instanceof String s) || !s.isEmpty();
  }
}
