package dev.clerkvertx.auth;

/**
 * The session token a request presents, and whether it came as exactly {@code Authorization: Bearer
 * <token>} (so the header can be handed to {@code JWTAuthHandler} as it is).
 *
 * @param clientUat for a token from Clerk's session cookie, the {@code __client_uat} read with it
 *                  (epoch seconds, positive: a cookie with none or 0 signs nobody in); else {@link #NOT_A_COOKIE}
 */
public record PresentedToken(String token, boolean canonicalHeader, long clientUat) {
  /** The {@code clientUat} of a token from the {@code Authorization} header. */
  public static final long NOT_A_COOKIE = -1;

  /** A token from the {@code Authorization} header. */
  public PresentedToken(String token, boolean canonicalHeader) {
    this(token, canonicalHeader, NOT_A_COOKIE);
  }

  /** True for a token from Clerk's session cookie: it rides on every request the browser sends. */
  public boolean fromCookie() {
    return clientUat != NOT_A_COOKIE;
  }
}
