package dev.clerkvertx.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.clerkvertx.config.LogFormat;

/**
 * Logback's configuration, in code (found through {@code META-INF/services}): one console appender
 * writing text or JSON lines, root at INFO, Netty and Vert.x at WARN. Logback configures itself
 * before the service reads its configuration, so the environment's {@code LOG_FORMAT} is used until
 * {@link #use} applies the merged one ({@code .env} and {@code conf/config.json} included), as
 * {@link RootLogLevel} does for {@code LOG_LEVEL}. Parsing an XML file instead cost a cold start a few
 * hundred milliseconds. A file named by {@code -Dlogback.configurationFile} replaces all of this.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
  private static volatile LogLineEncoder encoder;

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogLineEncoder lines = new LogLineEncoder(TEXT_PATTERN, LogFormat.lenient(System.getenv("LOG_FORMAT")));
    lines.setContext(context);
    lines.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(lines);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("io.vertx").setLevel(Level.WARN);
    // vertx-micrometer registers its event-bus handler gauge once per consumer registration and
    // Micrometer warns about the duplicate at start-up; nothing is lost
    context.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
    encoder = lines;
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The format the merged configuration settled on; nothing when another configuration file is in use. */
  public static void use(LogFormat format) {
    LogLineEncoder lines = encoder;
    if (lines != null) {
      lines.format(format);
    }
  }
}
