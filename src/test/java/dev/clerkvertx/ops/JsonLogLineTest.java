package dev.clerkvertx.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** LOG_FORMAT=json: every event is one line holding one JSON object, whatever its text holds. */
@ExtendWith(VertxExtension.class)
class JsonLogLineTest {
  private final Logger access = (Logger) LoggerFactory.getLogger("clerk.access");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @AfterEach
  void detach() {
    access.detachAppender(appender);
  }

  static JsonObject oneLine(String line) {
    assertThat(line).endsWith("\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\r");
    return new JsonObject(line);
  }

  @Test
  void anEventIsOneLineOfJsonWithItsFieldsAndKeyValuePairs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    String nasty = "quote \" backslash \\ newline \n return \r tab \t nul \u0000 esc \u001b del \u007f "
      + "line-sep \u2028 emoji \uD83D\uDE00 lone \uD800 end\"}";
    LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.clerkvertx.Test"), Level.WARN,
      "said {}", new IllegalStateException("boom\n\"x\""), new Object[] {nasty});
    event.setKeyValuePairs(List.of(new KeyValuePair("status", 401), new KeyValuePair("path", nasty),
      new KeyValuePair("ok", true)));
    JsonObject json = oneLine(JsonLogLine.format(event));
    assertThat(json.getString("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    assertThat(json.getString("level")).isEqualTo("WARN");
    assertThat(json.getString("logger")).isEqualTo("dev.clerkvertx.Test");
    assertThat(json.getString("thread")).isNotBlank();
    String expected = nasty.replace('\uD800', '\uFFFD');
    assertThat(json.getString("message").replace('\uD800', '\uFFFD')).isEqualTo("said " + expected);
    assertThat(json.getValue("status")).isEqualTo(401);
    assertThat(json.getString("path").replace('\uD800', '\uFFFD')).isEqualTo(expected);
    assertThat(json.getBoolean("ok")).isTrue();
    assertThat(json.getString("exception")).contains("IllegalStateException: boom\n\"x\"").contains("\tat ");
  }

  @Test
  void theConsoleWritesTheFormatTheConfigurationSettledOn() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var console = (ch.qos.logback.core.ConsoleAppender<ILoggingEvent>)
      context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
    LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.clerkvertx.Test"), Level.INFO, "hello {}", null,
      new Object[] {"world"});
    try {
      LogSetup.use(dev.clerkvertx.config.LogFormat.JSON);
      String json = new String(console.getEncoder().encode(event), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(oneLine(json).getString("message")).isEqualTo("hello world");
      LogSetup.use(dev.clerkvertx.config.LogFormat.TEXT);
      String text = new String(console.getEncoder().encode(event), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text).doesNotStartWith("{").contains("INFO").endsWith("dev.clerkvertx.Test - hello world\n");
    } finally {
      LogSetup.use(dev.clerkvertx.config.LogFormat.TEXT);
    }
  }

  @Test
  void theAccessLogGivesEachFieldItsOwnKeyAndARequestCannotForgeOne(Vertx vertx) {
    Fixture world = Fixture.start(vertx, "kid-a");
    appender.start();
    access.addAppender(appender);
    Service service = world.service(Map.of("ACCESS_LOG", "true", "LOG_FORMAT", "json"));
    try {
      service.get("/rest-endpoints/5?access_token=secret", world.token());
      // a path that tries to close the JSON string and object and add keys of its own
      new RawHttp(vertx, service.running.port()).exchange(
        "GET /x%22,%22level%22:%22ERROR%22}\"},\"status\":200,{\u0001\u00ff HTTP/1.1\r\nHost: a\r\n\r\n",
        text -> text.contains("\r\n\r\n"));
      assertThat(appender.list).hasSize(2);
      JsonObject ok = oneLine(JsonLogLine.format(appender.list.get(0)));
      assertThat(ok.getString("logger")).isEqualTo("clerk.access");
      assertThat(ok.getString("client")).isEqualTo("127.0.0.1");
      assertThat(ok.getString("method")).isEqualTo("GET");
      assertThat(ok.getString("path")).isEqualTo("/rest-endpoints/5");
      assertThat(ok.getValue("status")).isEqualTo(200);
      assertThat(ok.getValue("durationMs")).isInstanceOf(Number.class);
      assertThat(ok.getLong("bytes")).isPositive();
      assertThat(ok.encode()).doesNotContain("secret");
      JsonObject forged = oneLine(JsonLogLine.format(appender.list.get(1)));
      assertThat(forged.fieldNames()).containsExactlyInAnyOrder("time", "level", "logger", "thread", "message",
        "client", "method", "path", "status", "durationMs", "bytes");
      assertThat(forged.getString("level")).isEqualTo("INFO");
      assertThat(forged.getValue("status")).isEqualTo(404);
      assertThat(forged.getString("path")).startsWith("/x").contains("\"},\"status\":200,{");
    } finally {
      LogSetup.use(dev.clerkvertx.config.LogFormat.TEXT);
    }
  }
}
