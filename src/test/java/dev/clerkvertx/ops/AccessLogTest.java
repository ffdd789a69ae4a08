package dev.clerkvertx.ops;

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
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class AccessLogTest {
  private final Logger access = (Logger) LoggerFactory.getLogger("clerk.access");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @AfterEach
  void detach() {
    access.detachAppender(appender);
  }

  Service start(Vertx vertx, JwksServer jwks, boolean enabled) {
    appender.start();
    access.addAppender(appender);
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", jwks.baseUrl());
    env.put("ACCESS_LOG", String.valueOf(enabled));
    return Service.start(vertx, env, MutableClock.atNow());
  }

  @Test
  void logsOneLinePerRequestWithoutQueryOrToken(Vertx vertx) {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    Service service = start(vertx, jwks, true);
    String token = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"), Claims.valid(service.clock, jwks.baseUrl()));
    service.get("/rest-endpoints/5?access_token=" + token, token);
    service.get("/health", null);
    assertThat(appender.list).hasSize(2);
    assertThat(appender.list.get(0).getFormattedMessage()).contains("GET /rest-endpoints/5 200").doesNotContain("access_token")
      .doesNotContain(token.substring(token.length() - 20));
  }

  @Test
  void isOffByDefault(Vertx vertx) {
    JwksServer jwks = Service.await(new JwksServer(vertx).start());
    jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
    Service service = start(vertx, jwks, false);
    service.get("/health", null);
    assertThat(appender.list).isEmpty();
  }
}
