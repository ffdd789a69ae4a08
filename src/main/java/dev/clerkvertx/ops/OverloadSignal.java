package dev.clerkvertx.ops;

/** What the overload manager watches; the label of its metrics. */
public enum OverloadSignal {
  /** Old-generation use after collection past {@code OVERLOAD_HEAP_PERCENT}: shed requests, close idle connections. */
  HEAP("heap"),
  /** Past halfway from that threshold to 100 %: new connections refused too. */
  HEAP_CRITICAL("heap_critical"),
  /** An event loop later than {@code OVERLOAD_EVENT_LOOP_LAG_MILLIS}: shed requests, close idle connections. */
  EVENT_LOOP_LAG("event_loop_lag"),
  /** Open connections past {@code OVERLOAD_CONNECTIONS_PERCENT} of the maximum: answers close their connection. */
  CONNECTIONS("connections");

  private final String label;

  OverloadSignal(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
