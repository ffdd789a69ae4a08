package dev.clerkvertx.graphql;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool "GraphQL answers being built or sent" of one event loop, in heap bytes: every answer is
 * charged as it grows, by the estimated size of its Java objects ({@link AnswerTally}), then by the
 * length of its encoded buffer, and released once written to its connection. The pool never holds
 * more than its capacity, besides the one buffer being encoded. Thread-safe: an answer may grow on a
 * data fetcher's thread.
 */
final class AnswerBudget {
  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  AnswerBudget(long capacity) {
    this.capacity = capacity;
  }

  /** Charges {@code bytes} if they fit. */
  boolean tryCharge(long bytes) {
    long now;
    do {
      now = used.get();
      if (now + bytes > capacity) {
        return false;
      }
    } while (!used.compareAndSet(now, now + bytes));
    return true;
  }

  /** Charges what is already built (the encoded answer), fitting or not. */
  void charge(long bytes) {
    used.addAndGet(bytes);
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }

  long used() {
    return used.get();
  }

  long capacity() {
    return capacity;
  }
}
