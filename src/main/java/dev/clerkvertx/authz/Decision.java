package dev.clerkvertx.authz;

/** The answer to a requirement: allowed, forbidden, or allowed but for a fresh verification. */
public sealed interface Decision {
  Decision ALLOWED = new Allowed();
  Decision FORBIDDEN = new Forbidden();

  /** Every dimension passed. */
  record Allowed() implements Decision {
  }

  /** A role, permission, feature or plan is missing (or the caller has no active organisation). */
  record Forbidden() implements Decision {
  }

  /** Everything else passed, but the caller must verify again, as {@code missing} says. */
  record ReverificationRequired(Reverification missing) implements Decision {
  }
}
