package dev.clerkvertx.auth;

import ch.qos.logback.classic.Level;
import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.LogCapture;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token of another issuer, signed by a key the service trusts (CLERK_ISSUER_URL set to the wrong
 * instance, say), is refused with a log line that says so: WARN once a minute, DEBUG each time,
 * expected and presented issuers shown, the presented one cut and escaped.
 */
@ExtendWith(VertxExtension.class)
class ForeignIssuerLogTest {
  static final String ISSUER = "https://clean-mole-12.clerk.accounts.dev";

  Service start(Vertx vertx, MutableClock clock) {
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", ISSUER);
    env.put("CLERK_JWT_KEY", TestKeys.pem(TestKeys.RSA_A));
    return Service.start(vertx, env, clock);
  }

  String token(MutableClock clock, String issuer) {
    return Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("any"), Claims.valid(clock, issuer));
  }

  @Test
  void aTokenOfAnotherIssuerIsAWarningOnceAMinuteAndADebugLineEachTime(Vertx vertx) {
    MutableClock clock = MutableClock.atNow();
    Service service = start(vertx, clock);
    try (LogCapture log = new LogCapture(ForeignIssuerLog.class, Level.DEBUG)) {
      for (int i = 0; i < 50; i++) {
        assertThat(service.get("/rest-endpoints/1", token(clock, "https://other-instance.clerk.accounts.dev")).statusCode())
          .isEqualTo(401);
      }
      assertThat(log.lines(Level.WARN)).containsExactly("Tokens from \"https://other-instance.clerk.accounts.dev\" are "
        + "refused: CLERK_ISSUER_URL is " + ISSUER + " (this warning is repeated at most once a minute; each refusal is "
        + "logged at DEBUG)");
      assertThat(log.lines(Level.DEBUG)).hasSize(49).allMatch(l -> l.equals("authentication failed: issuer_mismatch: the "
        + "token's iss is \"https://other-instance.clerk.accounts.dev\", CLERK_ISSUER_URL is " + ISSUER));

      clock.advance(Duration.ofSeconds(59));
      service.get("/rest-endpoints/1", token(clock, "https://third.example"));
      assertThat(log.lines(Level.WARN)).hasSize(1);
      clock.advance(Duration.ofSeconds(1));
      service.get("/rest-endpoints/1", token(clock, "https://third.example"));
      assertThat(log.lines(Level.WARN)).hasSize(2).last().asString().startsWith("Tokens from \"https://third.example\"");
    }
  }

  @Test
  void aPresentedIssuerIsShownCutAndEscaped(Vertx vertx) {
    MutableClock clock = MutableClock.atNow();
    Service service = start(vertx, clock);
    String hostile = "https://x\r\n12:00:00.000 ERROR forged line \u001b[31m\u2028\"" + "A".repeat(5_000);
    try (LogCapture log = new LogCapture(ForeignIssuerLog.class, Level.DEBUG)) {
      assertThat(service.get("/rest-endpoints/1", token(clock, hostile)).statusCode()).isEqualTo(401);
      List<String> warnings = log.lines(Level.WARN);
      assertThat(warnings).hasSize(1);
      String line = warnings.get(0);
      assertThat(line).contains("\"https://x\\u000d\\u000a12:00:00.000 ERROR forged line \\u001b[31m\\u2028\\\"AAA")
        .contains("... (" + hostile.length() + " characters)").doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
      assertThat(line.length()).isLessThan(400);
      assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }
  }

  @Test
  void anIssuerThatIsNoStringIsNamedAsSuch() {
    assertThat(ForeignIssuerLog.shown(null)).isEqualTo("(no iss claim)");
    assertThat(ForeignIssuerLog.shown(42)).isEqualTo("(an iss that is not a string)");
  }
}
