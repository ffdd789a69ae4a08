package dev.clerkvertx.auth;

/** Outcomes of the authentication stage, for metrics and tests. Called on event-loop threads: keep it cheap. */
public interface AuthEvents {
  /** A token was accepted; {@code cached} when the verified-token cache answered. */
  void accepted(boolean cached);

  /** A request was answered 401 for this reason. */
  void rejected(TokenRejection reason);

  /** A request was answered 503: no verification key is loaded. */
  void unavailable();

  AuthEvents NONE = new AuthEvents() {
    @Override
    public void accepted(boolean cached) {
    }

    @Override
    public void rejected(TokenRejection reason) {
    }

    @Override
    public void unavailable() {
    }
  };

  /** Reports to both. */
  static AuthEvents both(AuthEvents a, AuthEvents b) {
    if (b == NONE) {
      return a;
    }
    if (a == NONE) {
      return b;
    }
    return new AuthEvents() {
      @Override
      public void accepted(boolean cached) {
        a.accepted(cached);
        b.accepted(cached);
      }

      @Override
      public void rejected(TokenRejection reason) {
        a.rejected(reason);
        b.rejected(reason);
      }

      @Override
      public void unavailable() {
        a.unavailable();
        b.unavailable();
      }
    };
  }
}
