package dev.clerkvertx.jwks;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/** Collects a response body and fails the transfer as soon as it grows past a limit. */
final class BoundedSink implements WriteStream<Buffer> {
  private final int limit;
  private final Buffer body = Buffer.buffer();
  private boolean overflowed;

  BoundedSink(int limit) {
    this.limit = limit;
  }

  Buffer body() {
    return body;
  }

  boolean overflowed() {
    return overflowed;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (overflowed || body.length() + data.length() > limit) {
      overflowed = true;
      return Future.failedFuture(new JwksException(JwksFailure.TOO_LARGE, "body over " + limit + " bytes"));
    }
    body.appendBuffer(data);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
