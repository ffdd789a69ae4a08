package dev.clerkvertx.identity;

/**
 * Heap bytes of the objects an identity holds, as a 64-bit HotSpot lays them out with compressed
 * references and class pointers (any heap under 32 GiB): 12-byte headers, 4-byte references, every
 * object a multiple of 8. Checked against class histograms of filled caches ({@code SessionWeightTest}).
 */
final class Weights {
  /** A {@link java.util.concurrent.ConcurrentHashMap} entry: its node (32) and its share of the table (about 8). */
  static final long ENTRY = 40;

  private Weights() {
  }

  static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /** A {@code byte[]} of this length. */
  static long bytes(int length) {
    return align(16L + length);
  }

  /** An array of this many references. */
  static long refs(int count) {
    return align(16L + 4L * count);
  }

  /** A {@code long[]} of this length (none: 0, the shared empty array). */
  static long longs(int length) {
    return length == 0 ? 0 : 16L + 8L * length;
  }

  /** A string and its bytes (one a character when all are Latin-1, else two); null: 0. */
  static long string(String s) {
    if (s == null) {
      return 0;
    }
    int perChar = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        perChar = 2;
        break;
      }
    }
    return 24 + bytes(perChar * s.length());
  }
}
