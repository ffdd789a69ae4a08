package dev.clerkvertx.jwks;

/** A fetch or parse of the JWKS failed; the keys in use are kept. Carries no key material. */
public final class JwksException extends RuntimeException {
  private final JwksFailure failure;

  public JwksException(JwksFailure failure, String detail) {
    super(failure.code() + ": " + detail, null, false, false);
    this.failure = failure;
  }

  public JwksFailure failure() {
    return failure;
  }
}
