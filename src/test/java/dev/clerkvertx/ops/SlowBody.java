package dev.clerkvertx.ops;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** A request body that arrives in two halves, {@code delayMillis} apart: a request kept in flight. */
final class SlowBody implements ReadStream<Buffer> {
  private final Vertx vertx;
  private final String text;
  private final long delayMillis;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;

  SlowBody(Vertx vertx, String text, long delayMillis) {
    this.vertx = vertx;
    this.text = text;
    this.delayMillis = delayMillis;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> h) {
    this.handler = h;
    if (h != null) {
      int half = text.length() / 2;
      h.handle(Buffer.buffer(text.substring(0, half)));
      vertx.setTimer(delayMillis, t -> {
        handler.handle(Buffer.buffer(text.substring(half)));
        if (endHandler != null) {
          endHandler.handle(null);
        }
      });
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> h) {
    this.endHandler = h;
    return this;
  }
}
