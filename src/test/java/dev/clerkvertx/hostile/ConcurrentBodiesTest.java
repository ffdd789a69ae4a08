package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: a signed-in user opens many connections, each announcing a full-size GraphQL body and
 * sending it slowly, so that the buffered bodies together fill the heap. One event loop buffers at
 * most 16 bodies of the limit at once; the next is answered 503 with {@code Retry-After} unread, and
 * once the slow ones end, requests are served again.
 */
@ExtendWith(VertxExtension.class)
class ConcurrentBodiesTest {

  @Test
  void bodiesBeyondTheBudgetAreTurnedAwayUnread(Vertx vertx) {
    Fixture world = Fixture.start(vertx, "kid-a");
    Service service = world.service();
    String token = world.token();
    RawHttp raw = new RawHttp(vertx, service.running.port());
    String head = "POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
      + "\r\nContent-Type: application/json\r\nContent-Length: 65536\r\n\r\n{\"query\":\"";
    List<NetSocket> slow = new ArrayList<>();
    List<Promise<String>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      NetSocket socket = raw.connect();
      Promise<String> answer = Promise.promise();
      Buffer got = Buffer.buffer();
      socket.handler(b -> {
        got.appendBuffer(b);
        if (got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
          answer.tryComplete(got.toString(StandardCharsets.ISO_8859_1));
        }
      });
      socket.write(head);
      slow.add(socket);
      answers.add(answer);
      // in order: each body has reserved its share before the next connection arrives
      service.get("/health", null);
    }
    // the refusals are written asynchronously: a few round trips until the four have arrived
    long refused = 0;
    for (int i = 0; i < 50 && refused < 4; i++) {
      service.get("/health", null);
      refused = answers.stream().filter(a -> a.future().isComplete()
        && a.future().result().startsWith("HTTP/1.1 503") && a.future().result().toLowerCase().contains("retry-after: 1"))
        .count();
    }
    assertThat(refused).isEqualTo(4);
    // a request without a body reserves nothing: GraphQL over GET is served while the budget is spent
    assertThat(service.get("/graphql?query=%7Bme%7BuserId%7D%7D", token).statusCode()).isEqualTo(200);
    slow.forEach(NetSocket::close);
    // the reservations are released as the server notices each close: a few round trips at most
    int status = 0;
    for (int i = 0; i < 50 && status != 200; i++) {
      status = service.graphql("{ me { userId } }", token).statusCode();
      assertThat(status).isIn(200, 503);
    }
    assertThat(status).isEqualTo(200);
  }
}
