package dev.clerkvertx.config;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP listeners: port, event loops, CORS origins, request limits, drain grace, access log, the
 * management port ({@code /metrics}), and how soon a request body must start arriving.
 */
public record HttpSettings(int port, int instances, List<String> corsAllowedOrigins, int maxHeaderBytes,
                           Duration requestTimeout, Duration shutdownGrace, boolean accessLog, int managementPort,
                           Duration bodyStart) {
  public HttpSettings {
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
  }
}
