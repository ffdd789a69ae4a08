package dev.clerkvertx.graphql;

import graphql.execution.instrumentation.InstrumentationState;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One request's answer while it is built: its JSON bytes so far, each charged to the event loop's
 * {@link AnswerBudget}. The first limit passed stops it for good: {@link AnswerAccounting} then lets no
 * further data fetcher run and replaces the answer with the refusal. What was charged is given back
 * once, by {@link #release()}, when the answer has been written or abandoned. Thread-safe.
 */
final class AnswerTally implements InstrumentationState {
  /** Why the answer was stopped, and the limit to state; {@code limit < 0} for none. */
  record Stop(DocumentRefusal reason, long limit) {
  }

  private final AnswerBudget budget;
  private final long limit;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong charged = new AtomicLong();
  private final AtomicReference<Stop> stop = new AtomicReference<>();

  AnswerTally(AnswerBudget budget, long limit) {
    this.budget = budget;
    this.limit = limit;
  }

  /** Counts {@code n} more bytes of answer; stops the answer past its limit or the budget. */
  void add(long n) {
    if (stop.get() != null) {
      return;
    }
    if (bytes.addAndGet(n) > limit) {
      stop(DocumentRefusal.ANSWER_TOO_LARGE, limit);
    } else if (budget.tryCharge(n)) {
      charged.addAndGet(n);
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

  long bytes() {
    return bytes.get();
  }

  /** The encoded answer replaces what was counted: charges the difference when it is larger. */
  void encoded(long length) {
    long extra = length - charged.get();
    if (extra > 0) {
      budget.charge(extra);
      charged.addAndGet(extra);
    }
  }

  /** Gives back everything charged; later calls give back nothing. */
  void release() {
    budget.release(charged.getAndSet(0));
  }
}
