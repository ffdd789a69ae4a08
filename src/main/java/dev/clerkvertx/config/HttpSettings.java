package dev.clerkvertx.config;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP listeners: port, event loops, CORS, request limits, drain grace, access log, the largest
 * JSON body of the API's routes, the management port ({@code /metrics}), how soon a request body
 * must start arriving, how long an answer may wait for its client to take it, and how long the
 * listener keeps serving after SIGTERM.
 *
 * @param maxBodyBytes  the largest JSON body of a route mounted with a body (the API's)
 * @param shutdownDelay after SIGTERM, how long the listener keeps serving while readiness is off
 */
public record HttpSettings(int port, int instances, CorsSettings cors, int maxHeaderBytes,
                           Duration requestTimeout, Duration shutdownGrace, boolean accessLog, int maxBodyBytes,
                           int managementPort, Duration bodyStart, Duration drainTimeout, Duration shutdownDelay) {

  /** The listed browser origins ({@code *}: any). */
  public List<String> corsAllowedOrigins() {
    return cors.origins();
  }

  /** The same listener with dev mode's CORS ({@link CorsSettings#inDevMode()}). */
  public HttpSettings inDevMode() {
    return new HttpSettings(port, instances, cors.inDevMode(), maxHeaderBytes, requestTimeout, shutdownGrace,
      accessLog, maxBodyBytes, managementPort, bodyStart, drainTimeout, shutdownDelay);
  }
}
