package dev.clerkvertx.support;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** Bytes over a plain socket, for requests no HTTP client would send. */
public final class RawHttp {
  private final Vertx vertx;
  private final int port;

  public RawHttp(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  public NetSocket connect() {
    return Service.await(vertx.createNetClient().connect(port, "127.0.0.1"));
  }

  /**
   * Writes {@code request} (ISO-8859-1, so any byte can be sent) and returns what came back once
   * {@code done} holds for it or the server closed the connection.
   */
  public String exchange(String request, Predicate<String> done) {
    NetSocket socket = connect();
    Promise<String> answer = Promise.promise();
    Buffer received = Buffer.buffer();
    socket.handler(b -> {
      received.appendBuffer(b);
      if (done.test(received.toString(StandardCharsets.ISO_8859_1))) {
        answer.tryComplete(received.toString(StandardCharsets.ISO_8859_1));
      }
    });
    socket.closeHandler(v -> answer.tryComplete(received.toString(StandardCharsets.ISO_8859_1)));
    socket.write(Buffer.buffer(request.getBytes(StandardCharsets.ISO_8859_1)));
    try {
      return Service.await(answer.future());
    } finally {
      socket.close();
    }
  }

  /** Occurrences of {@code needle} in {@code text}. */
  public static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
