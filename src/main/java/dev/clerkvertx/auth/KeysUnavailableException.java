package dev.clerkvertx.auth;

/** No verification key is loaded yet: the token cannot be judged now (503), which is not "signed out". */
public final class KeysUnavailableException extends RuntimeException {
  public KeysUnavailableException() {
    super("no verification keys loaded", null, false, false);
  }
}
