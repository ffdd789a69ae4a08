package dev.clerkvertx.jwks;

/** Event-bus addresses between the one key owner and the HTTP verticles (local delivery only). */
public final class KeyBus {
  private KeyBus() {
  }

  /** Published by the owner after every successful load: a {@link KeySet} as JSON. */
  public static final String UPDATED = "clerk.keys.updated";
  /** Request, no body: replies with the current {@link KeySet} JSON, or fails with 503 when none is loaded. */
  public static final String CURRENT = "clerk.keys.current";
  /**
   * Request with an unknown {@code kid}: replies {@code {"keySet": …|null, "cooldownUntil": epochMillis}}
   * after at most one fetch, shared by concurrent callers and limited by the cooldown.
   */
  public static final String UNKNOWN_KID = "clerk.keys.unknown-kid";
  /**
   * Request, no body: fetch now, as the periodic timer does (joins a fetch in flight, ignores the
   * unknown-kid cooldown); replies {@code true} when a good set was loaded. For operators and tests.
   */
  public static final String REFRESH = "clerk.keys.refresh";
}
