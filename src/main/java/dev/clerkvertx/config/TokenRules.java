package dev.clerkvertx.config;

import java.time.Duration;
import java.util.List;

/** How strictly claims are judged: clock skew, the {@code azp} allow-list, pending sessions. */
public record TokenRules(Duration clockSkew, List<String> authorizedParties, boolean acceptPendingSessions) {
  public TokenRules {
    authorizedParties = List.copyOf(authorizedParties);
  }
}
