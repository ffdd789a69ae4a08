package dev.clerkvertx.graphql;

import graphql.execution.instrumentation.InstrumentationState;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One request's answer while it is built, counted twice: its JSON bytes, against the answer limit,
 * and the heap its Java objects take (estimated), charged to the event loop's {@link AnswerBudget}.
 * The first limit passed stops it for good: {@link AnswerAccounting} then lets no further data fetcher
 * run and replaces the answer with the refusal. Once encoded, the answer is charged its buffer's
 * length instead; everything is given back once, by {@link #release()}, when the answer has been
 * written or abandoned. Thread-safe.
 */
final class AnswerTally implements InstrumentationState {
  /** Why the answer was stopped, and the limit to state; {@code limit < 0} for none. */
  record Stop(DocumentRefusal reason, long limit) {
  }

  private final AnswerBudget budget;
  private final String user;
  private final long limit;
  private final AtomicLong json = new AtomicLong();
  private final AtomicLong charged = new AtomicLong();
  private final AtomicReference<Stop> stop = new AtomicReference<>();

  /** @param user who asks: their answers together are held to their share of {@code budget} */
  AnswerTally(AnswerBudget budget, String user, long limit) {
    this.budget = budget;
    this.user = user;
    this.limit = limit;
  }

  /**
   * Counts a part of the answer: {@code jsonBytes} as it will be sent, {@code heapBytes} as it is
   * held meanwhile. Past the answer limit, or past what the whole budget could ever hold, the answer
   * is too large; past what the budget has left, or the caller's share of it, the server is busy.
   */
  void add(long jsonBytes, long heapBytes) {
    if (stop.get() != null) {
      return;
    }
    if (json.addAndGet(jsonBytes) > limit) {
      stop(DocumentRefusal.ANSWER_TOO_LARGE, limit);
    } else if (charged.get() + heapBytes > budget.capacity()) {
      stop(DocumentRefusal.ANSWER_TOO_LARGE, budget.capacity());
    } else if (budget.tryCharge(user, charged.get(), heapBytes)) {
      charged.addAndGet(heapBytes);
    } else {
      stop(DocumentRefusal.ANSWERS_BUSY, budget.capacity());
    }
  }

  /** Stops the answer; the first reason given is the one kept. */
  void stop(DocumentRefusal reason, long statedLimit) {
    stop.compareAndSet(null, new Stop(reason, statedLimit));
  }

  /** Why the answer was stopped, or null. */
  Stop stopped() {
    return stop.get();
  }

  /** The answer is now one buffer of {@code length} bytes (its objects are garbage): charged that instead. */
  void encoded(long length) {
    long before = charged.getAndSet(length);
    if (length > before) {
      budget.charge(user, length - before);
    } else {
      budget.release(user, before - length);
    }
  }

  /** Gives back everything charged; later calls give back nothing. */
  void release() {
    budget.release(user, charged.getAndSet(0));
  }
}
