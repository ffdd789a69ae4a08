package dev.clerkvertx.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Bounds the request bodies one event loop buffers at once: each body reserves its declared length
 * (the body limit when it is sent chunked; nothing when there is no body) until its answer ends; a body that does not fit is
 * answered 503 with {@code Retry-After} before a byte of it is read. Without it, many slow
 * concurrent bodies could fill the heap however small each one is. A {@link PlatformHandler}, so
 * that Vert.x lets it run before the body handler on the same route. Confined to one event loop.
 */
final class BodyBudget implements PlatformHandler {
  private final long capacity;
  private final long bodyLimit;
  private long reserved;

  BodyBudget(long capacity, long bodyLimit) {
    this.capacity = capacity;
    this.bodyLimit = bodyLimit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    var request = ctx.request();
    if (request.isEnded()) {
      ctx.next();
      return;
    }
    long declared = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
    boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    if (declared <= 0 && !chunked) {
      // no body to buffer (a GET, or an empty POST)
      ctx.next();
      return;
    }
    // a larger declared body is refused by the body handler (413) without being buffered
    long want = declared < 0 || declared > bodyLimit ? bodyLimit : declared;
    if (reserved + want > capacity) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
      Routes.status(ctx, 503);
      return;
    }
    reserved += want;
    ctx.addEndHandler(v -> reserved -= want);
    ctx.next();
  }

  private static long declaredLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
