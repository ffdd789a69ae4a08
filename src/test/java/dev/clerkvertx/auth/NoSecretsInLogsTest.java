package dev.clerkvertx.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.JwksServer;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rejected requests leave one debug line with a reason code, never the token, never an error line. */
@ExtendWith(VertxExtension.class)
class NoSecretsInLogsTest {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level previous;

  @AfterEach
  void detach() {
    root.detachAppender(appender);
    root.setLevel(previous);
  }

  @Test
  void rejectedTokensAreNeverLoggedAndNeverLogAnError(Vertx vertx) {
    previous = root.getLevel();
    root.setLevel(Level.DEBUG);
    appender.start();
    root.addAppender(appender);

    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "k1"));
    MutableClock clock = MutableClock.atNow();
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", jwks.baseUrl());
    Service service = Service.start(vertx, env, clock);

    JsonObject claims = Claims.valid(clock, jwks.baseUrl());
    List<String> tokens = new ArrayList<>();
    tokens.add(Tokens.rs256(TestKeys.RSA_B.getPrivate(), Claims.header("k1"), claims));
    tokens.add(Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("k1"), claims.copy().put("exp", 1)));
    tokens.add(Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("nope"), claims));
    tokens.add(Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("k1"), claims.copy().put("exp", "soon")));
    tokens.add("definitely-not-a-jwt-secretvalue");
    for (String t : tokens) {
      assertThat(service.get("/rest-endpoints/1", t).statusCode()).isEqualTo(401);
    }
    String valid = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("k1"), claims);
    assertThat(service.get("/rest-endpoints/1", valid).statusCode()).isEqualTo(200);
    tokens.add(valid);

    assertThat(appender.list).anyMatch(e -> e.getFormattedMessage().contains("authentication failed"));
    for (ILoggingEvent e : appender.list) {
      String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
      for (String t : tokens) {
        assertThat(line).doesNotContain(t.length() > 40 ? t.substring(t.length() - 40) : t);
      }
      assertThat(e.getLevel()).isNotEqualTo(Level.ERROR);
    }
  }
}
