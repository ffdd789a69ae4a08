package dev.clerkvertx.http;

import dev.clerkvertx.ops.FailureLog;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's generic failure handler: {@code {"message","statusCode"}} for any failed request
 * (authentication answers are the auth edge's own); only a 500 is logged, with its cause, through the
 * rate-limited {@link FailureLog}. A client that closed its connection mid-request gets no answer and
 * no log line above debug.
 */
final class ErrorResponder implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

  private final FailureLog failures;

  ErrorResponder(FailureLog failures) {
    this.failures = failures;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
      // the client went away mid-request: nothing to answer, and not the server's error
      LOG.debug("{} {}: connection closed by the client", ctx.request().method(), ctx.normalizedPath());
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
    if (status == 500) {
      failures.error(LOG, "Unhandled failure on {} {}", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
    }
    Routes.status(ctx, status);
  }
}
