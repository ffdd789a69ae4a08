package dev.clerkvertx.config;

import java.time.Duration;
import java.util.List;

/** The HTTP listener: port, event loops, CORS origins, request limits, drain grace, access log, drain delay. */
public record HttpSettings(int port, int instances, List<String> corsAllowedOrigins, int maxHeaderBytes,
                           Duration requestTimeout, Duration shutdownGrace, boolean accessLog,
                           Duration shutdownDelay) {
  public HttpSettings {
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
  }
}
