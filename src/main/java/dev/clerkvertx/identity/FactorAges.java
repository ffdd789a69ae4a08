package dev.clerkvertx.identity;

import java.util.List;

/**
 * Clerk's {@code fva}: minutes since the first and the second factor were last verified, {@code -1}
 * meaning never (or no second factor enrolled).
 */
public record FactorAges(long firstFactorMinutes, long secondFactorMinutes) {

  /** Packed: no {@code fva}, or one that is not two whole minutes. */
  static final long ABSENT = Long.MIN_VALUE;

  /** The claim's value when it is exactly two whole minutes, from -1 to 2^31 - 1; else null (reverification then fails). */
  static FactorAges parse(Object claim) {
    if (!(claim instanceof List<?> list) || list.size() != 2) {
      return null;
    }
    Long first = minutes(list.get(0));
    Long second = minutes(list.get(1));
    return first == null || second == null ? null : new FactorAges(first, second);
  }

  private static Long minutes(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      long v = ((Number) value).longValue();
      return v >= -1 && v <= Integer.MAX_VALUE ? v : null;
    }
    return null;
  }

  /** Both ages in one long (each fits an int), or {@link #ABSENT}; never {@code Long.MIN_VALUE + 1}. */
  static long pack(FactorAges ages) {
    return ages == null ? ABSENT : ages.firstFactorMinutes << 32 | (ages.secondFactorMinutes & 0xFFFF_FFFFL);
  }

  /** What {@link #pack} packed (null for {@link #ABSENT} and any other value no ages pack to). */
  static FactorAges unpack(long packed) {
    int first = (int) (packed >> 32);
    return first < -1 ? null : new FactorAges(first, (int) packed);
  }

  public List<Long> toList() {
    return List.of(firstFactorMinutes, secondFactorMinutes);
  }
}
