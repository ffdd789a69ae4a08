package dev.clerkvertx.hostile;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: any signed-in user sends many distinct large documents, to fill the heap with parsed
 * documents (the cache used to be bounded by count only). Bodies over the limit are refused unread
 * (413); documents over the length limit are refused unparsed; the largest accepted ones are answered
 * without a 5xx and GraphQL keeps answering. (That the cache is bounded in bytes, and skips long
 * documents, is {@code DocumentGateTest}'s.)
 */
@ExtendWith(VertxExtension.class)
class GraphQLMemoryAttackTest {
  Fixture world;
  Service service;
  String token;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "kid-a");
    service = world.service();
    token = world.token();
  }

  List<HttpResponse<Buffer>> sendAll(int count, int paddingChars) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String query = "# " + UUID.randomUUID() + " " + "x".repeat(paddingChars) + "\n{ me { userId } }";
      sent.add(service.client.post("/graphql").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("query", query)));
    }
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (Future<HttpResponse<Buffer>> f : sent) {
      answers.add(Service.await(f));
    }
    return answers;
  }

  @Test
  void distinctQuarterMegabyteDocumentsAreRefusedUnread() {
    for (HttpResponse<Buffer> resp : sendAll(150, 250 * 1024)) {
      assertThat(resp.statusCode()).isEqualTo(413);
    }
    assertThat(service.graphql("{ me { userId } }", token).bodyAsJsonObject().getJsonObject("data")).isNotNull();
  }

  @Test
  void distinctDocumentsJustOverTheLengthLimitAreRefusedUnparsed() {
    for (HttpResponse<Buffer> resp : sendAll(150, 16_400)) {
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.bodyAsString()).contains("QUERY_TOO_LARGE");
    }
  }

  @Test
  void distinctDocumentsAtTheLengthLimitAreAnsweredAndGraphQLKeepsAnswering() {
    for (HttpResponse<Buffer> resp : sendAll(150, 16_300)) {
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.bodyAsJsonObject().getJsonObject("data").getJsonObject("me").getString("userId")).isEqualTo("user_2xyz");
    }
    assertThat(service.graphql("{ pingOne(id: \"1\") }", token).bodyAsJsonObject().getJsonObject("data")
      .getString("pingOne")).isEqualTo("GraphQL Ping #1!");
  }
}
