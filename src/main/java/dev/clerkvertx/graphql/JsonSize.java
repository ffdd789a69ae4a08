package dev.clerkvertx.graphql;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * How many bytes a value takes as JSON (UTF-8, Jackson's escapes), computed without encoding it:
 * strings exactly, numbers by their digits, maps and lists by walking them. Used on variables before
 * parsing and on answer values while the answer is built. Saturates at {@link #HUGE}; nesting past
 * {@link #MAX_DEPTH} (or a value containing itself) counts as {@link #HUGE}, so no limit passes it.
 */
final class JsonSize {
  static final long HUGE = Long.MAX_VALUE / 4;
  static final int MAX_DEPTH = 1_000;

  private JsonSize() {
  }

  static long of(Object value) {
    return of(value, 0);
  }

  private static long of(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      return HUGE;
    }
    if (value == null) {
      return 4;
    }
    if (value instanceof CharSequence s) {
      return string(s);
    }
    if (value instanceof Boolean b) {
      return b ? 4 : 5;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return digits(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      // BigInteger, BigDecimal, Double: written as their text, unquoted
      return n.toString().length();
    }
    if (value instanceof JsonObject json) {
      return of(json.getMap(), depth);
    }
    if (value instanceof JsonArray json) {
      return of(json.getList(), depth);
    }
    if (value instanceof Map<?, ?> map) {
      long size = 2 + Math.max(0, map.size() - 1);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        size = add(size, add(string(String.valueOf(e.getKey())) + 1, of(e.getValue(), depth + 1)));
        if (size == HUGE) {
          // stop at once: a value holding itself twice would otherwise cost 2^depth
          return HUGE;
        }
      }
      return size;
    }
    if (value instanceof Iterable<?> list) {
      long size = 2;
      boolean first = true;
      for (Object item : list) {
        size = add(size, add(first ? 0 : 1, of(item, depth + 1)));
        first = false;
        if (size == HUGE) {
          return HUGE;
        }
      }
      return size;
    }
    if (value instanceof Object[] array) {
      return of(java.util.Arrays.asList(array), depth);
    }
    if (value instanceof Enum<?> e) {
      return 2 + e.name().length();
    }
    // whatever else a scalar serialises to: its text, quoted
    return string(value.toString());
  }

  /** Braces, brackets and commas of a value whose leaves are counted elsewhere (an object field's result). */
  static long structure(Object value) {
    return structure(value, 0);
  }

  private static long structure(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      return HUGE;
    }
    if (value instanceof Map<?, ?> map) {
      return 2 + Math.max(0, map.size() - 1);
    }
    if (value instanceof Iterable<?> list) {
      long size = 2;
      boolean first = true;
      for (Object item : list) {
        size = add(size, add(first ? 0 : 1, structure(item, depth + 1)));
        first = false;
        if (size == HUGE) {
          return HUGE;
        }
      }
      return size;
    }
    return 4;
  }

  /** A JSON string: quotes, UTF-8 bytes, two for {@code \" \\ \n}-style escapes, six for other controls. */
  static long string(CharSequence s) {
    long size = 2;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        size += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
      } else if (c == '"' || c == '\\') {
        size += 2;
      } else if (c < 0x80) {
        size += 1;
      } else if (c < 0x800 || Character.isSurrogate(c)) {
        // a surrogate pair is four bytes: two per half
        size += 2;
      } else {
        size += 3;
      }
    }
    return size;
  }

  private static long digits(long v) {
    if (v == Long.MIN_VALUE) {
      return 20;
    }
    int n = v < 0 ? 2 : 1;
    for (long x = Math.abs(v); x >= 10; x /= 10) {
      n++;
    }
    return n;
  }

  static long add(long a, long b) {
    return Math.min(HUGE, a + b);
  }
}
