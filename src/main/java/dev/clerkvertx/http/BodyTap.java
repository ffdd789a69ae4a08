package dev.clerkvertx.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;

/**
 * Where the bytes of a request body are seen as they arrive, whoever reads them (a
 * {@code BodyHandler}, a route streaming the body itself): {@link RequestGate} routes every request
 * that announces a body as this wrapper (Vert.x's own base class for request wrappers). A
 * {@link BodyBudget.Claim} handed to {@link #handler} is not a reader but the budget's hold on this
 * body: from then on each chunk is offered to it first, and a chunk it refuses goes no further.
 * Without a claim, chunks pass untouched. Confined to the request's event loop.
 */
final class BodyTap extends HttpServerRequestWrapper {
  private Handler<Buffer> reader;
  private BodyBudget.Claim claim;

  private BodyTap(HttpServerRequestInternal delegate) {
    super(delegate);
  }

  /** The request as the router should see it: tapped when it announces a body. */
  static HttpServerRequest of(HttpServerRequest request) {
    return announcesBody(request) && request instanceof HttpServerRequestInternal internal
      ? new BodyTap(internal) : request;
  }

  /** A {@code Transfer-Encoding}, or a {@code Content-Length} other than 0. */
  static boolean announcesBody(HttpServerRequest request) {
    if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      return true;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return length != null && !length.strip().equals("0");
  }

  @Override
  public HttpServerRequest handler(Handler<Buffer> handler) {
    if (handler instanceof BodyBudget.Claim c) {
      claim = c;
      c.attached();
      return this;
    }
    reader = handler;
    delegate.handler(handler == null ? null : this::arrived);
    return this;
  }

  private void arrived(Buffer chunk) {
    if (claim == null || claim.arrived(chunk.length())) {
      reader.handle(chunk);
    }
  }
}
