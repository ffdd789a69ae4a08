package dev.clerkvertx.ops;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.clerkvertx.config.LogFormat;

import java.nio.charset.StandardCharsets;

/** Writes each event as a line of text (a pattern) or as one JSON object ({@link JsonLogLine}). */
final class LogLineEncoder extends EncoderBase<ILoggingEvent> {
  private final PatternLayout text = new PatternLayout();
  private volatile LogFormat format;

  LogLineEncoder(String pattern, LogFormat format) {
    text.setPattern(pattern);
    this.format = format;
  }

  void format(LogFormat format) {
    this.format = format;
  }

  @Override
  public void start() {
    text.setContext(getContext());
    text.start();
    super.start();
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    String line = format == LogFormat.JSON ? JsonLogLine.format(event) : text.doLayout(event);
    return line.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
