package dev.clerkvertx.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Records what one logger (and those below it) writes, at {@code level} and above; restores it on close. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture(Class<?> owner, Level level) {
    this(owner.getName(), level);
  }

  /** What the logger named {@code name} (a package, say) and those below it write. */
  public LogCapture(String name, Level level) {
    this.logger = (Logger) LoggerFactory.getLogger(name);
    this.previous = logger.getLevel();
    logger.setLevel(level);
    appender.start();
    logger.addAppender(appender);
  }

  /** The lines logged at {@code level}, formatted. */
  public List<String> lines(Level level) {
    // AppenderBase appends while holding the appender's lock
    synchronized (appender) {
      return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
