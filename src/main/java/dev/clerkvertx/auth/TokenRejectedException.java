package dev.clerkvertx.auth;

/** A token was presented and is not acceptable: always a 401, never a 500. Stackless: it is routine. */
public final class TokenRejectedException extends RuntimeException {
  private final TokenRejection reason;

  public TokenRejectedException(TokenRejection reason) {
    super(reason.code(), null, false, false);
    this.reason = reason;
  }

  public TokenRejection reason() {
    return reason;
  }
}
