package dev.clerkvertx.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.clerkvertx.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (issue 15, item 9): a failure a client can provoke at will must not flood the log. Stack
 * traces are logged a few times a minute; the rest are counted; one line says how many were not
 * logged when logging resumes.
 */
class FailureLogTest {
  final Logger logger = (Logger) LoggerFactory.getLogger("dev.clerkvertx.test.FailureLogTest");
  final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  final MutableClock clock = MutableClock.atNow();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void attach() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  double counted(String logged) {
    return registry.get("clerk.failures").tag("logged", logged).counter().count();
  }

  @Test
  void aFloodOfFailuresLogsAFewStackTracesAMinuteAndCountsTheRest() {
    FailureLog log = new FailureLog(clock, registry);
    for (int i = 0; i < 1_000; i++) {
      log.error(logger, "Unhandled failure on {} {}", "POST", "/graphql", new ArithmeticException("BigInteger out of long range"));
      clock.advance(Duration.ofMillis(10));
    }
    // 10 s of failures: one minute's share logged, with stack traces
    assertThat(appender.list).hasSize(FailureLog.PER_MINUTE)
      .allSatisfy(e -> {
        assertThat(e.getLevel()).isEqualTo(Level.ERROR);
        assertThat(e.getThrowableProxy().getClassName()).isEqualTo(ArithmeticException.class.getName());
      });
    assertThat(counted("true")).isEqualTo(FailureLog.PER_MINUTE);
    assertThat(counted("false")).isEqualTo(1_000 - FailureLog.PER_MINUTE);

    clock.advance(Duration.ofSeconds(60));
    log.error(logger, "Unhandled failure on {} {}", "GET", "/graphql", new IllegalStateException("again"));
    assertThat(appender.list).hasSize(FailureLog.PER_MINUTE + 2);
    assertThat(appender.list.get(FailureLog.PER_MINUTE).getFormattedMessage())
      .startsWith((1_000 - FailureLog.PER_MINUTE) + " failures were not logged");
    assertThat(appender.list.get(FailureLog.PER_MINUTE + 1).getLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void oneLogPerVertxInstance() {
    Vertx vertx = Vertx.vertx();
    try {
      assertThat(FailureLog.of(vertx, clock, registry)).isSameAs(FailureLog.of(vertx, clock, registry));
    } finally {
      vertx.close().await();
    }
  }
}
