package dev.clerkvertx.ops;

/** What the overload manager does to shed load; the label of {@code clerk_overload_shed_total}. */
public enum ShedAction {
  /** A new request answered 503 with {@code Retry-After}. */
  REQUEST_REJECTED("request_503"),
  /** A new connection closed as it was accepted. */
  CONNECTION_REFUSED("connection_refused"),
  /** A connection with no request in progress closed. */
  IDLE_CONNECTION_CLOSED("idle_connection_closed"),
  /** A verified session not kept in the cache. */
  CACHE_SKIPPED("cache_skipped");

  private final String label;

  ShedAction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
