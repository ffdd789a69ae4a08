package dev.clerkvertx.support;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A request written by hand on a socket of its own and left open: what came back so far, and whether the server closed it. */
public final class OpenRequest {
  private final NetSocket socket;
  private final StringBuffer received = new StringBuffer();
  private final Promise<Void> closed = Promise.promise();

  public OpenRequest(RawHttp raw, String head) {
    socket = raw.connect();
    socket.handler(b -> received.append(b.toString(StandardCharsets.ISO_8859_1)));
    socket.closeHandler(v -> closed.tryComplete());
    write(head);
  }

  /** The head of {@code POST /graphql} with this bearer token, announcing {@code length} bytes of JSON. */
  public static String graphqlHead(String token, long length) {
    return "POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
      + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n";
  }

  public void write(String text) {
    socket.write(Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  public String received() {
    return received.toString();
  }

  /** True once an answer with this status arrived, e.g. {@code 503}. */
  public boolean answered(int status) {
    return received().startsWith("HTTP/1.1 " + status + " ");
  }

  public boolean closed() {
    return closed.future().isComplete();
  }

  public void close() {
    socket.close();
  }

  /** Waits up to {@code millis} of real time for {@code condition}; true if it came. */
  public static boolean within(long millis, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
