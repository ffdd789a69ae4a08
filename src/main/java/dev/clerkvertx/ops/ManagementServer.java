package dev.clerkvertx.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The management listener, on {@code MANAGEMENT_PORT}: {@code GET /metrics} and nothing else. It is
 * kept off the public port so that a scrape (its render costs milliseconds of CPU) is never an
 * endpoint for anyone on the internet, and the port can be left unexposed or firewalled; renders are
 * at most one a second ({@link ScrapeCache}). Not drained with the public listeners: a draining
 * process can still be scraped.
 */
public final class ManagementServer {
  static final String PATH = "/metrics";
  private static final CharSequence PROMETHEUS_TEXT =
    HttpHeaders.createOptimized("text/plain; version=0.0.4; charset=utf-8");
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final int IDLE_TIMEOUT_SECONDS = 60;

  private ManagementServer() {
  }

  /** Listens on {@code port} (0: a free one) of {@code host}. */
  public static Future<HttpServer> start(Vertx vertx, ScrapeCache metrics, int port, String host) {
    return vertx.createHttpServer(new HttpServerOptions()
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(IDLE_TIMEOUT_SECONDS))
      .requestHandler(request -> answer(request, metrics))
      .listen(port, host);
  }

  private static void answer(HttpServerRequest request, ScrapeCache metrics) {
    var response = request.response();
    if (!PATH.equals(request.path())) {
      response.setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .end("{\"message\":\"Not Found\",\"statusCode\":404}");
    } else if (request.method() != HttpMethod.GET) {
      response.setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET").putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .end("{\"message\":\"Method Not Allowed\",\"statusCode\":405}");
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(metrics.text());
    }
  }
}
