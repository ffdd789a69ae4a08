package dev.clerkvertx.ops;

/** What the overload manager and the metrics see of the process's HTTP connections, and the one thing asked of them. */
public interface ConnectionPressure {
  /** Connections open now. */
  int open();

  /** The most that may be open at once. */
  int max();

  /**
   * Closes every connection that has no request in progress (each closes once any request that
   * starts meanwhile is answered). Safe from any thread.
   *
   * @return how many were asked to close
   */
  int closeIdle();

  /** Idle connections closed so far to admit new ones at the maximum. */
  long evicted();

  /** New connections closed so far because every open one was busy. */
  long refused();

  /** Connections closed so far for sending nothing within the first-byte timeout. */
  long firstByteTimeouts();

  /** Connections closed so far because their client did not take an answer within the drain timeout. */
  default long drainTimeouts() {
    return 0;
  }

  /** Sockets closed so far as they were accepted, beyond the sockets the process may hold. */
  default long refusedAtAccept() {
    return 0;
  }
}
