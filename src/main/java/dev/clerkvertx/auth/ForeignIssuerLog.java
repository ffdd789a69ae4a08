package dev.clerkvertx.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a token from another issuer leaves in the log, so that a wrong {@code CLERK_ISSUER_URL} shows
 * at the default level: a WARN line at most once a minute for the whole process (no caller can fill
 * the log), and a DEBUG line each time; both give the expected and the presented {@code iss}, the
 * latter cut and escaped. Shared by every event loop; cheap when nothing is logged.
 */
public final class ForeignIssuerLog {
  private static final Logger LOG = LoggerFactory.getLogger(ForeignIssuerLog.class);
  static final Duration WARN_EVERY = Duration.ofMinutes(1);
  /** Characters of a presented issuer shown, after escaping. */
  static final int MAX_SHOWN = 120;

  private final Clock clock;
  private final String expected;
  private final AtomicLong nextWarnMillis = new AtomicLong(Long.MIN_VALUE);

  public ForeignIssuerLog(Clock clock, String expected) {
    this.clock = clock;
    this.expected = expected;
  }

  /** A token signed with a known key named {@code presented} (any JSON value, or null) as its issuer. */
  void refused(Object presented) {
    long now = clock.millis();
    long next = nextWarnMillis.get();
    if (now >= next && nextWarnMillis.compareAndSet(next, now + WARN_EVERY.toMillis())) {
      LOG.warn("Tokens from {} are refused: CLERK_ISSUER_URL is {} (this warning is repeated at most once a minute; "
        + "each refusal is logged at DEBUG)", shown(presented), expected);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("authentication failed: {}: the token's iss is {}, CLERK_ISSUER_URL is {}",
        TokenRejection.ISSUER_MISMATCH.code(), shown(presented), expected);
    }
  }

  /** The presented issuer quoted, every character outside printable ASCII escaped, cut to {@link #MAX_SHOWN}. */
  static String shown(Object presented) {
    if (!(presented instanceof String iss)) {
      return presented == null ? "(no iss claim)" : "(an iss that is not a string)";
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < iss.length(); i++) {
      if (out.length() > MAX_SHOWN) {
        return out.append("\"... (").append(iss.length()).append(" characters)").toString();
      }
      char c = iss.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
