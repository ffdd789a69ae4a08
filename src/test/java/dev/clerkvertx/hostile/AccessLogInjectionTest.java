package dev.clerkvertx.hostile;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: terminal escape sequences (ESC, BS, DEL) in the request line, written raw into the access
 * log and replayed by whoever tails it. Everything the client chose is escaped, and bounded in length.
 */
@ExtendWith(VertxExtension.class)
class AccessLogInjectionTest {
  private final Logger access = (Logger) LoggerFactory.getLogger("clerk.access");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @AfterEach
  void detach() {
    access.detachAppender(appender);
  }

  static boolean hasControlCharacter(String s) {
    return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c > 0x7e);
  }

  @Test
  void controlCharactersFromTheRequestLineAreEscaped(Vertx vertx) {
    appender.start();
    access.addAppender(appender);
    Service service = Fixture.start(vertx, "kid-a").service(Map.of("ACCESS_LOG", "true"));
    RawHttp raw = new RawHttp(vertx, service.running.port());
    String evil = "/health\u001b[2J\u001b]0;owned\u0007\b\b\u007f\u00e9" + "A".repeat(5_000);
    raw.exchange("GET " + evil + " HTTP/1.1\r\nHost: x\r\n\r\n", r -> r.contains("\r\n\r\n"));
    raw.exchange("QWERTY\u001b[31m /health HTTP/1.1\r\nHost: x\r\n\r\n", r -> r.contains("\r\n\r\n"));
    assertThat(appender.list).isNotEmpty();
    for (ILoggingEvent event : appender.list) {
      String line = event.getFormattedMessage();
      assertThat(hasControlCharacter(line)).as(line).isFalse();
      assertThat(line.length()).isLessThan(700);
    }
    assertThat(appender.list.get(0).getFormattedMessage()).contains("/health\\x1b[2J\\x1b]0;owned\\x07\\x08\\x08\\x7f\\xe9AAA");
  }
}
