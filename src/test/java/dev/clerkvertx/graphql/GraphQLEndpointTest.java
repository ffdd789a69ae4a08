package dev.clerkvertx.graphql;

import dev.clerkvertx.auth.TokenRejection;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** GraphQL over HTTP behind the Clerk check: POST and GET, pingOne, me, and the Apollo-shaped 401. */
@ExtendWith(VertxExtension.class)
class GraphQLEndpointTest {
  static final String KID = "ins_gql";
  static final JsonObject UNAUTHENTICATED = new JsonObject(
    "{\"message\":\"Unauthorized\",\"statusCode\":401,\"errors\":[{\"message\":\"Unauthorized\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}");

  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, KID);
    service = world.service();
  }

  String token(JsonObject claims) {
    return world.token(claims);
  }

  JsonObject claims() {
    return world.claims();
  }

  @Test
  void answersPingOneToValidToken() {
    HttpResponse<Buffer> resp = service.graphql("{ pingOne(id: \"12345\") }", token(claims()));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("data", new JsonObject().put("pingOne", "GraphQL Ping #12345!")));
  }

  @Test
  void answersGetQueryToValidToken() {
    String q = URLEncoder.encode("{ pingOne(id: \"7\") }", StandardCharsets.UTF_8);
    HttpResponse<Buffer> resp = service.get("/graphql?query=" + q, token(claims()));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("pingOne")).isEqualTo("GraphQL Ping #7!");
  }

  @Test
  void answersVariablesAndOperationName() {
    HttpResponse<Buffer> resp = Service.await(service.client.post("/graphql")
      .putHeader("Authorization", "Bearer " + token(claims()))
      .sendJsonObject(new JsonObject().put("query", "query P($id: String!) { pingOne(id: $id) }")
        .put("operationName", "P").put("variables", new JsonObject().put("id", "abc"))));
    assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("pingOne")).isEqualTo("GraphQL Ping #abc!");
  }

  @Test
  void rejectsMissingTokenWithApolloShapedErrors() {
    HttpResponse<Buffer> resp = service.graphql("{ pingOne(id: \"1\") }", null);
    assertThat(resp.statusCode()).isEqualTo(401);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(UNAUTHENTICATED);
    assertThat(resp.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"clerk\"");
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.MISSING_TOKEN);
  }

  @Test
  void rejectsExpiredTokenWithApolloShapedErrors() {
    HttpResponse<Buffer> resp = service.graphql("{ pingOne(id: \"1\") }", token(claims().put("exp", world.clock.epochSecond() - 30)));
    assertThat(resp.statusCode()).isEqualTo(401);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(UNAUTHENTICATED);
    assertThat(resp.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.EXPIRED);
  }

  @Test
  void rejectsGetWithoutTokenToo() {
    HttpResponse<Buffer> resp = service.get("/graphql?query=%7B%20pingOne(id%3A%221%22)%20%7D", null);
    assertThat(resp.statusCode()).isEqualTo(401);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(UNAUTHENTICATED);
  }

  @Test
  void meAnswersIdentityFromVersion2OrganisationClaim() {
    JsonObject c = claims().put("o", new JsonObject().put("id", "org_9").put("rol", "admin").put("slg", "acme"));
    HttpResponse<Buffer> resp = service.graphql(
      "{ me { userId sessionId orgId orgRole orgSlug authorizedParty issuedAt expiresAt } }", token(c));
    JsonObject me = resp.bodyAsJsonObject().getJsonObject("data").getJsonObject("me");
    assertThat(me).isEqualTo(new JsonObject()
      .put("userId", "user_2xyz").put("sessionId", "sess_2abc").put("orgId", "org_9").put("orgRole", "org:admin")
      .put("orgSlug", "acme").put("authorizedParty", "http://localhost:3000")
      .put("issuedAt", c.getLong("iat")).put("expiresAt", c.getLong("exp")));
  }

  @Test
  void meAnswersNullOrganisationWhenNoneIsActive() {
    JsonObject me = service.graphql("{ me { userId orgId orgRole } }", token(claims()))
      .bodyAsJsonObject().getJsonObject("data").getJsonObject("me");
    assertThat(me).isEqualTo(new JsonObject().put("userId", "user_2xyz").putNull("orgId").putNull("orgRole"));
  }

  @Test
  void malformedQueryFromAuthenticatedCallerIsAGraphQLErrorNotA401() {
    HttpResponse<Buffer> resp = service.graphql("{ pingOne(id: ", token(claims()));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject().getJsonArray("errors")).isNotEmpty();
  }

  @Test
  void invalidJsonBodyFromAuthenticatedCallerIs400() {
    HttpResponse<Buffer> resp = Service.await(service.client.post("/graphql")
      .putHeader("Authorization", "Bearer " + token(claims()))
      .putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer("{not json")));
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.bodyAsJsonObject().getInteger("statusCode")).isEqualTo(400);
  }
}
