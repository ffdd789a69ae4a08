package dev.clerkvertx.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that do not deliver a whole request in time: its head within the request
 * timeout of the connection opening or of the previous answer, its body within the timeout of its
 * head. Vert.x's idle timeout restarts with every byte, so a client trickling a header a byte at a
 * time would otherwise hold its socket forever. An idle keep-alive connection is closed after the
 * same time; a request being answered (say, waiting for a JWKS fetch) is never cut. One sweep per
 * second per event loop; a request costs one map lookup. Confined to its verticle's event loop.
 */
final class ConnectionGuard {
  private static final long SWEEP_MILLIS = 1_000;

  private final Map<HttpConnection, Watch> watches = new HashMap<>();
  private final Clock clock;
  private final long timeoutMillis;

  /** What one connection is doing, and since when. */
  private static final class Watch {
    long since;
    HttpServerRequest request;
  }

  ConnectionGuard(Clock clock, Duration requestTimeout) {
    this.clock = clock;
    this.timeoutMillis = requestTimeout.toMillis();
  }

  /** Sweeps on this event loop until the verticle stops. */
  void start(Vertx vertx) {
    vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
  }

  void opened(HttpConnection connection) {
    Watch watch = new Watch();
    watch.since = clock.millis();
    watches.put(connection, watch);
    connection.closeHandler(v -> watches.remove(connection));
  }

  /** A request head arrived: its body must follow in time, then the connection is busy until the answer ends. */
  void headArrived(HttpServerRequest request) {
    Watch watch = watches.get(request.connection());
    if (watch != null) {
      watch.request = request;
      watch.since = clock.millis();
    }
  }

  /**
   * The process drains: every connection closes once its request in progress is answered, the answer
   * telling the client {@code Connection: close}; an idle one closes now. A connection still open
   * after {@code timeout} is closed.
   */
  void drain(Duration timeout) {
    for (HttpConnection connection : List.copyOf(watches.keySet())) {
      HttpServerRequest request = watches.get(connection).request;
      if (request != null && !request.response().headWritten()) {
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      }
      connection.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void sweep() {
    long now = clock.millis();
    watches.forEach((connection, watch) -> {
      HttpServerRequest request = watch.request;
      if (request != null && request.isEnded()) {
        if (!request.response().ended()) {
          return;
        }
        // answered since the last sweep: the next head is awaited from now on
        watch.request = null;
        watch.since = now;
      }
      if (now - watch.since >= timeoutMillis) {
        connection.close();
      }
    });
  }
}
