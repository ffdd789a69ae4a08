package dev.clerkvertx.api;

import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The example API over GraphQL, over a real socket: queries and mutations allowed and refused. */
@ExtendWith(VertxExtension.class)
class NotesGraphQLTest {
  static final String READ = "org:notes:read";
  static final String WRITE = "org:notes:write";

  Fixture world;
  Service service;
  String writer;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "kid-gql-notes");
    service = world.service();
    writer = world.orgToken("org_1", READ, WRITE);
  }

  JsonObject graphql(String query, String token) {
    HttpResponse<Buffer> resp = service.graphql(query, token);
    assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(200);
    return resp.bodyAsJsonObject();
  }

  static JsonObject error(JsonObject body, int index) {
    return body.getJsonArray("errors").getJsonObject(index);
  }

  String create(String token, String text) {
    JsonObject body = graphql("mutation { createNote(text: \"" + text + "\") { id orgId text createdBy } }", token);
    assertThat(body.getJsonArray("errors")).as(body.encode()).isNull();
    return body.getJsonObject("data").getJsonObject("createNote").getString("id");
  }

  @Test
  void queriesAndMutationsServeTheCallersOrganisation() {
    JsonObject created = graphql("mutation { createNote(text: \"hello\") { id orgId text createdBy createdAt updatedAt } }",
      writer).getJsonObject("data").getJsonObject("createNote");
    assertThat(created.getString("orgId")).isEqualTo("org_1");
    assertThat(created.getString("createdBy")).isEqualTo("user_2xyz");
    String id = created.getString("id");
    // the same store as REST
    assertThat(service.get("/api/notes/" + id, writer).bodyAsJsonObject().getString("text")).isEqualTo("hello");

    JsonObject read = graphql("{ notes { id text } note(id: \"" + id + "\") { text } }", world.orgToken("org_1", READ));
    assertThat(read.getJsonObject("data")).isEqualTo(new JsonObject()
      .put("notes", new JsonArray().add(new JsonObject().put("id", id).put("text", "hello")))
      .put("note", new JsonObject().put("text", "hello")));

    JsonObject updated = graphql("mutation { updateNote(id: \"" + id + "\", text: \"bye\") { text } }", writer);
    assertThat(updated.getJsonObject("data").getJsonObject("updateNote").getString("text")).isEqualTo("bye");
    JsonObject deleted = graphql("mutation { a: deleteNote(id: \"" + id + "\") b: deleteNote(id: \"" + id + "\") }", writer);
    assertThat(deleted.getJsonObject("data")).isEqualTo(new JsonObject().put("a", true).put("b", false));
    assertThat(graphql("{ notes { id } }", writer).getJsonObject("data").getJsonArray("notes")).isEmpty();
  }

  @Test
  void fieldsWithoutTheirPermissionAreNullAndForbidden() {
    String id = create(writer, "kept");
    JsonObject reader = graphql("mutation { createNote(text: \"no\") { id } }", world.orgToken("org_1", READ));
    assertThat(reader.getJsonObject("data").getValue("createNote")).isNull();
    assertThat(error(reader, 0).getJsonArray("path")).isEqualTo(new JsonArray().add("createNote"));
    assertThat(error(reader, 0).getJsonObject("extensions").getString("code")).isEqualTo("FORBIDDEN");

    JsonObject writeOnly = graphql("{ notes { id } note(id: \"" + id + "\") { id } }", world.orgToken("org_1", WRITE));
    assertThat(writeOnly.getJsonObject("data")).isEqualTo(new JsonObject().putNull("notes").putNull("note"));
    assertThat(writeOnly.getJsonArray("errors")).hasSize(2);

    JsonObject noOrganisation = graphql("mutation { updateNote(id: \"" + id + "\", text: \"x\") { id } deleteNote(id: \"" + id + "\") }",
      world.token());
    assertThat(noOrganisation.getJsonObject("data")).isEqualTo(new JsonObject().putNull("updateNote").putNull("deleteNote"));
    assertThat(service.get("/api/notes/" + id, writer).bodyAsJsonObject().getString("text")).isEqualTo("kept");

    HttpResponse<Buffer> anonymous = service.graphql("{ notes { id } }", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
      .getString("code")).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void anotherOrganisationsNoteIsNotThere() {
    String id = create(writer, "org_1's");
    String other = world.orgToken("org_2", READ, WRITE);
    JsonObject read = graphql("{ notes { id } note(id: \"" + id + "\") { id } }", other);
    assertThat(read.getJsonObject("data")).isEqualTo(new JsonObject().put("notes", new JsonArray()).putNull("note"));
    JsonObject write = graphql("mutation { updateNote(id: \"" + id + "\", text: \"mine\") { id } deleteNote(id: \"" + id + "\") }", other);
    assertThat(write.getJsonObject("data")).isEqualTo(new JsonObject().putNull("updateNote").put("deleteNote", false));
    assertThat(error(write, 0).getJsonObject("extensions").getString("code")).isEqualTo("NOT_FOUND");
    assertThat(service.get("/api/notes/" + id, writer).bodyAsJsonObject().getString("text")).isEqualTo("org_1's");
  }

  @Test
  void badTextIsABadUserInputError() {
    String tooLong = "x".repeat(Note.MAX_TEXT_LENGTH + 1);
    JsonObject body = graphql("mutation { a: createNote(text: \"" + tooLong + "\") { id } b: createNote(text: \" \") { id } }", writer);
    assertThat(body.getJsonObject("data")).isEqualTo(new JsonObject().putNull("a").putNull("b"));
    assertThat(error(body, 0).getString("message")).isEqualTo("text is longer than 1000 characters");
    assertThat(error(body, 0).getJsonObject("extensions").getString("code")).isEqualTo("BAD_USER_INPUT");
    assertThat(error(body, 1).getString("message")).isEqualTo("text must not be empty");
    assertThat(graphql("{ notes { id } }", writer).getJsonObject("data").getJsonArray("notes")).isEmpty();
  }

  @Test
  void aMutationOverGetIsRefusedAndAQueryIsServed() {
    String mutation = "mutation{createNote(text:\"via GET\"){id}}";
    HttpResponse<Buffer> refused = Service.await(service.client.get("/graphql").addQueryParam("query", mutation)
      .bearerTokenAuthentication(writer).send());
    assertThat(refused.statusCode()).isEqualTo(405);
    assertThat(refused.getHeader("Allow")).isEqualTo("POST");
    JsonObject body = refused.bodyAsJsonObject();
    assertThat(body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"))
      .isEqualTo("MUTATION_OVER_GET");
    assertThat(body.getValue("data")).isNull();
    HttpResponse<Buffer> head = Service.await(service.client.head("/graphql").addQueryParam("query", mutation)
      .bearerTokenAuthentication(writer).send());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isNull();

    HttpResponse<Buffer> query = Service.await(service.client.get("/graphql").addQueryParam("query", "{notes{text}}")
      .bearerTokenAuthentication(writer).send());
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(query.bodyAsJsonObject().getJsonObject("data").getJsonArray("notes")).as("nothing was created").isEmpty();
  }
}
