package dev.clerkvertx.graphql;

import java.util.HashMap;
import java.util.Map;

/**
 * The pool "GraphQL answers being built or sent" of one event loop, in heap bytes: every answer is
 * charged as it grows, by the estimated size of its Java objects ({@link AnswerTally}), then by the
 * length of its encoded buffer, and released once written to its connection (or once the connection
 * closes: the connection guard closes one whose client does not take an answer within
 * {@code HTTP_DRAIN_TIMEOUT_SECONDS}). The pool never holds more than its capacity, besides the one
 * buffer being encoded. One caller ({@code sub}; callers without a session are one caller) holds at
 * most {@link #USER_SHARE_DIVISOR the half} of it with several answers; their only answer may grow to
 * the whole capacity, so that an answer within the limits never depends on who asks. Thread-safe: an
 * answer may grow on a data fetcher's thread.
 */
final class AnswerBudget {
  /** A caller's answers together hold at most this fraction of the pool (unless it is one answer). */
  static final int USER_SHARE_DIVISOR = 2;

  private final long capacity;
  private final long userShare;
  private final Map<String, Long> users = new HashMap<>();
  private long used;

  AnswerBudget(long capacity) {
    this.capacity = capacity;
    this.userShare = capacity / USER_SHARE_DIVISOR;
  }

  /**
   * Charges {@code bytes} to {@code user} if they fit the pool and the user's share; {@code ownBytes}
   * is what the answer being charged already holds (the user's only answer is not held to the share).
   */
  synchronized boolean tryCharge(String user, long ownBytes, long bytes) {
    if (used + bytes > capacity) {
      return false;
    }
    long held = users.getOrDefault(user, 0L);
    if (held + bytes > userShare && held > ownBytes) {
      return false;
    }
    used += bytes;
    users.put(user, held + bytes);
    return true;
  }

  /** Charges what is already built (the encoded answer), fitting or not. */
  synchronized void charge(String user, long bytes) {
    used += bytes;
    users.merge(user, bytes, Long::sum);
  }

  synchronized void release(String user, long bytes) {
    if (bytes == 0) {
      return;
    }
    used -= bytes;
    long left = users.getOrDefault(user, 0L) - bytes;
    if (left <= 0) {
      users.remove(user);
    } else {
      users.put(user, left);
    }
  }

  synchronized long used() {
    return used;
  }

  long capacity() {
    return capacity;
  }
}
