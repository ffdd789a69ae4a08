package dev.clerkvertx.identity;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The permission bits of a v2 organisation, decoded from {@code o.fpm}: bit {@code j} of the
 * {@code i}-th mask grants name {@code j} of {@code o.per} on organisation feature {@code i}. Kept
 * in one {@code long[]}, in whichever of two layouts is smaller, so that the bytes stay proportional
 * to the claim whatever its shape:
 * <ul>
 *   <li>dense: word 0 is {@link #DENSE}, then {@code features × names} bits, row {@code i} at bit {@code i × names};</li>
 *   <li>ragged: word 0 is {@link #RAGGED}, then {@code features + 1} row offsets (two ints a word),
 *       then the rows, each as long as its mask (at most {@code names} bits).</li>
 * </ul>
 * A mask that is not all digits (after JavaScript trimming) grants nothing; masks have any length
 * (arbitrary precision); bits at or beyond the number of names and masks beyond the features are ignored.
 */
final class Grants {
  static final long[] NONE = new long[0];
  private static final long DENSE = 0;
  private static final long RAGGED = 1;
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private Grants() {
  }

  static long[] decode(String fpm, int features, int names) {
    String[] masks = fpm.split(",", -1);
    int rows = Math.min(masks.length, features);
    BigInteger[] parsed = new BigInteger[rows];
    long raggedBits = 0;
    for (int i = 0; i < rows; i++) {
      String digits = JsText.trim(masks[i]);
      if (DIGITS.matcher(digits).matches()) {
        parsed[i] = new BigInteger(digits);
        raggedBits += Math.min(names, parsed[i].bitLength());
      }
    }
    if (raggedBits == 0) {
      return NONE;
    }
    long denseWords = 1 + words((long) features * names);
    long offsetWords = (features + 2) / 2;
    long raggedWords = 1 + offsetWords + words(raggedBits);
    long[] grants = new long[(int) Math.min(denseWords, raggedWords)];
    grants[0] = denseWords <= raggedWords ? DENSE : RAGGED;
    long bit = 0;
    for (int i = 0; i < features; i++) {
      int length = i < rows && parsed[i] != null ? Math.min(names, parsed[i].bitLength()) : 0;
      long start = grants[0] == DENSE ? (long) i * names : bit;
      if (grants[0] == RAGGED) {
        setOffset(grants, i, (int) bit);
        bit += length;
      }
      for (int j = 0; j < length; j++) {
        if (parsed[i].testBit(j)) {
          set(grants, grants[0] == DENSE ? 1 : 1 + offsetWords, start + j);
        }
      }
    }
    if (grants[0] == RAGGED) {
      setOffset(grants, features, (int) bit);
    }
    return grants;
  }

  /** Whether feature {@code i} grants name {@code j}. */
  static boolean granted(long[] grants, int features, int names, int i, int j) {
    if (grants.length == 0) {
      return false;
    }
    if (grants[0] == DENSE) {
      return get(grants, 1, (long) i * names + j);
    }
    int start = offset(grants, i);
    return j < offset(grants, i + 1) - start && get(grants, 1 + (features + 2) / 2, start + (long) j);
  }

  private static long words(long bits) {
    return (bits + 63) >>> 6;
  }

  private static void set(long[] grants, long from, long bit) {
    grants[(int) (from + (bit >>> 6))] |= 1L << (bit & 63);
  }

  private static boolean get(long[] grants, long from, long bit) {
    return (grants[(int) (from + (bit >>> 6))] & (1L << (bit & 63))) != 0;
  }

  private static void setOffset(long[] grants, int row, int value) {
    int word = 1 + row / 2;
    grants[word] |= (value & 0xFFFFFFFFL) << (32 * (row & 1));
  }

  private static int offset(long[] grants, int row) {
    return (int) (grants[1 + row / 2] >>> (32 * (row & 1)));
  }
}
