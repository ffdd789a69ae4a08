package dev.clerkvertx.api;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.RawHttp;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example API over REST, over a real socket, the way a team tests its own routes: start the
 * service, mint tokens with organisation claims in one line, call every method, allowed and refused.
 */
@ExtendWith(VertxExtension.class)
class NotesRestTest {
  static final String READ = "org:notes:read";
  static final String WRITE = "org:notes:write";

  Fixture world;
  Service service;
  String writer;
  String reader;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "kid-notes");
    service = world.service();
    writer = world.orgToken("org_1", READ, WRITE);
    reader = world.orgToken("org_1", READ);
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> req = service.client.request(method, path);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return Service.await(body == null ? req.send() : req.sendJsonObject(body));
  }

  HttpResponse<Buffer> raw(HttpMethod method, String path, String token, String contentType, Buffer body) {
    HttpRequest<Buffer> req = service.client.request(method, path).bearerTokenAuthentication(token);
    if (contentType != null) {
      req.putHeader("Content-Type", contentType);
    }
    return Service.await(req.sendBuffer(body));
  }

  JsonObject create(String token, String text) {
    HttpResponse<Buffer> created = call(HttpMethod.POST, "/api/notes", token, new JsonObject().put("text", text));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  @Test
  void createAnswers201WithLocationAndTheNote() {
    HttpResponse<Buffer> created = call(HttpMethod.POST, "/api/notes", writer, new JsonObject().put("text", "first"));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject note = created.bodyAsJsonObject();
    assertThat(created.getHeader("Location")).isEqualTo("/api/notes/" + note.getString("id"));
    assertThat(created.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(note.fieldNames()).containsExactlyInAnyOrder("id", "orgId", "text", "createdBy", "createdAt", "updatedAt");
    assertThat(note.getString("orgId")).isEqualTo("org_1");
    assertThat(note.getString("text")).isEqualTo("first");
    assertThat(note.getString("createdBy")).isEqualTo("user_2xyz");
    assertThat(note.getString("createdAt")).isEqualTo(note.getString("updatedAt")).startsWith(world.clock.instant().toString().substring(0, 10));
  }

  @Test
  void readersListAndGetTheirOrganisationsNotes() {
    JsonObject one = create(writer, "one");
    JsonObject two = create(writer, "two");
    create(world.orgToken("org_2", READ, WRITE), "another organisation's");
    HttpResponse<Buffer> list = call(HttpMethod.GET, "/api/notes", reader, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.bodyAsJsonArray()).isEqualTo(new JsonArray().add(one).add(two));
    HttpResponse<Buffer> got = call(HttpMethod.GET, "/api/notes/" + one.getString("id"), reader, null);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.bodyAsJsonObject()).isEqualTo(one);
  }

  @Test
  void putReplacesPatchChangesTheTextAndDeleteAnswers204() {
    JsonObject note = create(writer, "draft");
    String path = "/api/notes/" + note.getString("id");
    world.clock.advance(Duration.ofSeconds(5));
    HttpResponse<Buffer> put = call(HttpMethod.PUT, path, writer, new JsonObject().put("text", "final"));
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject().getString("text")).isEqualTo("final");
    assertThat(put.bodyAsJsonObject().getString("createdAt")).isEqualTo(note.getString("createdAt"));
    assertThat(put.bodyAsJsonObject().getString("updatedAt")).isNotEqualTo(note.getString("updatedAt"));
    HttpResponse<Buffer> patch = call(HttpMethod.PATCH, path, writer, new JsonObject().put("text", "patched"));
    assertThat(patch.statusCode()).isEqualTo(200);
    assertThat(patch.bodyAsJsonObject().getString("text")).isEqualTo("patched");
    HttpResponse<Buffer> emptyPatch = call(HttpMethod.PATCH, path, writer, new JsonObject());
    assertThat(emptyPatch.statusCode()).isEqualTo(200);
    assertThat(emptyPatch.bodyAsJsonObject()).isEqualTo(patch.bodyAsJsonObject());

    HttpResponse<Buffer> deleted = call(HttpMethod.DELETE, path, writer, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isNull();
    assertThat(call(HttpMethod.GET, path, reader, null).statusCode()).isEqualTo(404);
    assertThat(call(HttpMethod.DELETE, path, writer, null).statusCode()).isEqualTo(404);
  }

  @Test
  void everyMethodIs401WithoutAValidToken() {
    String path = "/api/notes/" + create(writer, "x").getString("id");
    for (String token : new String[]{null, "garbage"}) {
      assertThat(call(HttpMethod.GET, "/api/notes", token, null).statusCode()).isEqualTo(401);
      assertThat(call(HttpMethod.POST, "/api/notes", token, new JsonObject().put("text", "t")).statusCode()).isEqualTo(401);
      assertThat(call(HttpMethod.GET, path, token, null).statusCode()).isEqualTo(401);
      assertThat(call(HttpMethod.PUT, path, token, new JsonObject().put("text", "t")).statusCode()).isEqualTo(401);
      assertThat(call(HttpMethod.PATCH, path, token, new JsonObject().put("text", "t")).statusCode()).isEqualTo(401);
      HttpResponse<Buffer> delete = call(HttpMethod.DELETE, path, token, null);
      assertThat(delete.statusCode()).isEqualTo(401);
      assertThat(delete.getHeader("WWW-Authenticate")).startsWith("Bearer realm=\"clerk\"");
    }
    // 401 wins over a bad body: nothing is read before authentication
    assertThat(raw(HttpMethod.POST, "/api/notes", "garbage", "text/plain", Buffer.buffer("x")).statusCode()).isEqualTo(401);
  }

  @Test
  void everyMethodIs403WithoutItsPermission() {
    String path = "/api/notes/" + create(writer, "x").getString("id");
    String writeOnly = world.orgToken("org_1", WRITE);
    String noOrganisation = world.token();
    JsonObject forbidden = new JsonObject().put("message", "Forbidden").put("statusCode", 403);
    for (String token : new String[]{writeOnly, noOrganisation}) {
      assertThat(call(HttpMethod.GET, "/api/notes", token, null).bodyAsJsonObject()).isEqualTo(forbidden);
      assertThat(call(HttpMethod.GET, path, token, null).statusCode()).isEqualTo(403);
    }
    for (String token : new String[]{reader, noOrganisation}) {
      HttpResponse<Buffer> post = call(HttpMethod.POST, "/api/notes", token, new JsonObject().put("text", "t"));
      assertThat(post.statusCode()).isEqualTo(403);
      assertThat(post.bodyAsJsonObject()).isEqualTo(forbidden);
      assertThat(call(HttpMethod.PUT, path, token, new JsonObject().put("text", "t")).statusCode()).isEqualTo(403);
      assertThat(call(HttpMethod.PATCH, path, token, new JsonObject().put("text", "t")).statusCode()).isEqualTo(403);
      assertThat(call(HttpMethod.DELETE, path, token, null).statusCode()).isEqualTo(403);
    }
    // 403 before the body is judged
    assertThat(raw(HttpMethod.POST, "/api/notes", reader, "text/plain", Buffer.buffer("x")).statusCode()).isEqualTo(403);
    assertThat(call(HttpMethod.GET, path, reader, null).bodyAsJsonObject().getString("text")).isEqualTo("x");
  }

  @Test
  void anotherOrganisationsNoteIs404ForEveryMethod() {
    String path = "/api/notes/" + create(writer, "org_1's secret").getString("id");
    String other = world.orgToken("org_2", READ, WRITE);
    assertThat(call(HttpMethod.GET, path, other, null).statusCode()).isEqualTo(404);
    assertThat(call(HttpMethod.PUT, path, other, new JsonObject().put("text", "mine")).statusCode()).isEqualTo(404);
    assertThat(call(HttpMethod.PATCH, path, other, new JsonObject().put("text", "mine")).statusCode()).isEqualTo(404);
    assertThat(call(HttpMethod.DELETE, path, other, null).statusCode()).isEqualTo(404);
    assertThat(call(HttpMethod.GET, "/api/notes", other, null).bodyAsJsonArray()).isEmpty();
    assertThat(call(HttpMethod.GET, path, reader, null).bodyAsJsonObject().getString("text")).isEqualTo("org_1's secret");
  }

  @Test
  void badBodiesAre400WithAMessageNever500() {
    String path = "/api/notes/" + create(writer, "x").getString("id");
    Map<String, String> bodies = Map.of(
      "{\"text\":", "the body is not a JSON object",
      "[\"text\"]", "the body is not a JSON object",
      "\"text\"", "the body is not a JSON object",
      "{}", "text is required",
      "{\"text\":\"  \"}", "text must not be empty",
      "{\"text\":42}", "text must be a string",
      "{\"text\":\"" + "x".repeat(Note.MAX_TEXT_LENGTH + 1) + "\"}", "text is longer than 1000 characters",
      "[".repeat(5_000) + "]".repeat(5_000), "the body is not a JSON object",
      "", "a JSON object body is required");
    bodies.forEach((body, message) -> {
      for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT)) {
        HttpResponse<Buffer> resp = raw(method, method == HttpMethod.POST ? "/api/notes" : path, writer,
          "application/json", Buffer.buffer(body));
        assertThat(resp.statusCode()).as(method + " " + body.substring(0, Math.min(20, body.length()))).isEqualTo(400);
        assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", message).put("statusCode", 400));
      }
    });
    HttpResponse<Buffer> patch = call(HttpMethod.PATCH, path, writer, new JsonObject().put("id", "other").put("text", "t"));
    assertThat(patch.statusCode()).isEqualTo(400);
    assertThat(patch.bodyAsJsonObject().getString("message")).isEqualTo("'id' is not a writable field of a note (writable: text)");
    assertThat(call(HttpMethod.GET, path, reader, null).bodyAsJsonObject().getString("text")).isEqualTo("x");
  }

  @Test
  void bodyOverTheLimitIs413() {
    String big = "{\"text\":\"" + "x".repeat(70_000) + "\"}";
    HttpResponse<Buffer> resp = raw(HttpMethod.POST, "/api/notes", writer, "application/json", Buffer.buffer(big));
    assertThat(resp.statusCode()).isEqualTo(413);
    assertThat(resp.bodyAsJsonObject().getInteger("statusCode")).isEqualTo(413);
    String chunked = "POST /api/notes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + writer
      + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
      + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n";
    assertThat(new RawHttp(service.vertx, service.running.port()).exchange(chunked, r -> r.endsWith("}")))
      .startsWith("HTTP/1.1 413");
    assertThat(call(HttpMethod.GET, "/api/notes", reader, null).bodyAsJsonArray()).isEmpty();
  }

  @Test
  void anotherContentTypeIs415AndTheConnectionStaysUsable() {
    for (String type : new String[]{"text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", null}) {
      HttpResponse<Buffer> resp = raw(HttpMethod.POST, "/api/notes", writer, type, Buffer.buffer("text=hello"));
      assertThat(resp.statusCode()).as(String.valueOf(type)).isEqualTo(415);
      assertThat(resp.bodyAsJsonObject().getString("message")).isEqualTo("send the body as application/json");
    }
    assertThat(raw(HttpMethod.POST, "/api/notes", writer, "application/json; charset=utf-8",
      Buffer.buffer("{\"text\":\"typed\"}")).statusCode()).isEqualTo(201);
    assertThat(raw(HttpMethod.PATCH, "/api/notes/x", writer, "application/merge-patch+json",
      Buffer.buffer("{\"text\":\"typed\"}")).statusCode()).isEqualTo(404);
    String body = "text=hello";
    String twoRequests = "POST /api/notes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + writer
      + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
      + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    String answers = new RawHttp(service.vertx, service.running.port())
      .exchange(twoRequests, r -> RawHttp.count(r, "HTTP/1.1 ") >= 2 && r.endsWith("}"));
    assertThat(answers).startsWith("HTTP/1.1 415").contains("HTTP/1.1 200 OK");
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    String path = "/api/notes/" + create(writer, "x").getString("id");
    HttpResponse<Buffer> head = call(HttpMethod.HEAD, path, reader, null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(head.body()).isNull();
    assertThat(call(HttpMethod.HEAD, "/api/notes", null, null).statusCode()).isEqualTo(401);
    assertThat(call(HttpMethod.HEAD, "/api/notes/none", reader, null).statusCode()).isEqualTo(404);
  }

  @Test
  void anotherMethodOnARoutedPathIs405WithAllow() {
    HttpResponse<Buffer> post = call(HttpMethod.POST, "/api/notes/1", writer, new JsonObject().put("text", "t"));
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.getHeader("Allow")).isEqualTo("GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
    assertThat(post.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", "Method Not Allowed").put("statusCode", 405));
    HttpResponse<Buffer> delete = call(HttpMethod.DELETE, "/api/notes", writer, null);
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.getHeader("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
    HttpResponse<Buffer> options = call(HttpMethod.OPTIONS, "/api/notes/1", null, null);
    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.getHeader("Allow")).isEqualTo("GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
  }

  @Test
  void aFullStoreAnswers507NotAFailure(Vertx vertx) {
    InMemoryNoteStore small = new InMemoryNoteStore(new InMemoryNoteStore.Limits(1, 2), world.clock);
    Service tiny = world.service(Map.of(), new Api(List.of(new NoteRoutes(small)), List.of(NoteFields.part(small)),
      small.maxBytes()));
    for (int i = 0; i < 2; i++) {
      assertThat(Service.await(tiny.client.post("/api/notes").bearerTokenAuthentication(writer)
        .sendJsonObject(new JsonObject().put("text", "n" + i))).statusCode()).isEqualTo(201);
    }
    HttpResponse<Buffer> third = Service.await(tiny.client.post("/api/notes").bearerTokenAuthentication(writer)
      .sendJsonObject(new JsonObject().put("text", "n3")));
    assertThat(third.statusCode()).isEqualTo(507);
    assertThat(third.bodyAsJsonObject().getString("message")).isEqualTo("the in-memory store keeps 2 notes per organisation at most");
    HttpResponse<Buffer> otherOrg = Service.await(tiny.client.post("/api/notes")
      .bearerTokenAuthentication(world.orgToken("org_2", WRITE)).sendJsonObject(new JsonObject().put("text", "n")));
    assertThat(otherOrg.statusCode()).isEqualTo(507);
    assertThat(otherOrg.bodyAsJsonObject().getString("message")).isEqualTo("the in-memory store keeps the notes of 1 organisations at most");
  }
}
