package dev.clerkvertx.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on logger {@code clerk.access}: client address, method, path, status,
 * duration and bytes sent. Never the query string or any header, so no token can reach the log.
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("clerk.access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(v -> {
      var req = ctx.request();
      LOG.info("{} {} {} {} {}ms {}B", req.remoteAddress() == null ? "-" : req.remoteAddress().hostAddress(),
        req.method(), req.path(), ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000,
        ctx.response().bytesWritten());
    });
    ctx.next();
  }
}
