package dev.clerkvertx.ops;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on logger {@code clerk.access}: client address, method, path, status,
 * duration and bytes sent (in JSON, keys {@code client}, {@code method}, {@code path}, {@code status},
 * {@code durationMs}, {@code bytes}). Never the query string or any header, so no token can reach the log.
 * What the client chose (method, path) is escaped, so that no control character reaches a terminal,
 * and cut at {@link #MAX_FIELD} characters.
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("clerk.access");
  static final int MAX_FIELD = 256;

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(v -> write(ctx.request(), ctx.response().getStatusCode(), start));
    ctx.next();
  }

  /** Logs one answered request that started at {@code startNanos}. */
  public static void write(HttpServerRequest req, int status, long startNanos) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String client = req.remoteAddress() == null ? "-" : req.remoteAddress().hostAddress();
    String method = escape(req.method().name());
    String path = escape(req.path());
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    long bytes = req.response().bytesWritten();
    // the arguments make the text line; the same values as key-value pairs become JSON keys (LOG_FORMAT=json)
    LOG.atInfo().setMessage("{} {} {} {} {}ms {}B").addArgument(client).addArgument(method).addArgument(path)
      .addArgument(status).addArgument(millis).addArgument(bytes)
      .addKeyValue("client", client).addKeyValue("method", method).addKeyValue("path", path)
      .addKeyValue("status", status).addKeyValue("durationMs", millis).addKeyValue("bytes", bytes).log();
  }

  /** Printable ASCII as is; a backslash doubled; anything else as {@code \xHH} or {@code \\uHHHH}. */
  static String escape(String s) {
    if (s == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_FIELD) + 8);
    for (int i = 0; i < s.length(); i++) {
      if (out.length() >= MAX_FIELD) {
        return out.append("...").toString();
      }
      char c = s.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else if (c <= 0xff) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }
}
