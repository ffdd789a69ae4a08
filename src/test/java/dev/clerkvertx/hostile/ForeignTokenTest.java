package dev.clerkvertx.hostile;

import dev.clerkvertx.auth.TokenRejection;
import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: one Clerk instance key also signs JWT-template, M2M and OAuth tokens with the same
 * {@code iss}. Each of them, validly signed, is refused as a session on every route, with its code.
 */
@ExtendWith(VertxExtension.class)
class ForeignTokenTest {
  static final String SESSION = "cl_B7d4PD111AAA";
  static final String IGNORE = "cl_I7d4PD111III";
  static final String TEMPLATE = "cl_B7d4PD222AAA";
  static final String M2M = "cl_B7d4PD333AAA";

  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "ins_a");
    service = world.service();
  }

  String sign(JsonObject header, JsonObject claims) {
    return Tokens.rs256(TestKeys.RSA_A.getPrivate(), header, claims);
  }

  JsonObject header() {
    return Claims.header("ins_a");
  }

  void assertRefusedEverywhere(String token, TokenRejection reason) {
    for (String path : new String[]{"/rest-endpoints/1", "/me"}) {
      HttpResponse<Buffer> resp = service.get(path, token);
      assertThat(resp.statusCode()).as(path).isEqualTo(401);
      assertThat(service.rejections.last()).as(path).isEqualTo(reason);
      assertThat(resp.getHeader("WWW-Authenticate")).contains("error_description=\"not a session token\"");
    }
    HttpResponse<Buffer> gql = service.graphql("{ me { userId } }", token);
    assertThat(gql.statusCode()).isEqualTo(401);
    assertThat(service.rejections.last()).isEqualTo(reason);
    // and never from the cache either: a second time is still refused
    assertThat(service.get("/rest-endpoints/1", token).statusCode()).isEqualTo(401);
    assertThat(service.running.sessions().size()).isZero();
  }

  @Test
  void jwtTemplateTokenIsRefused() {
    JsonObject claims = world.claims();
    claims.remove("sid");
    assertRefusedEverywhere(sign(header().put("cat", TEMPLATE), claims), TokenRejection.NOT_SESSION_CATEGORY);
  }

  @Test
  void templateTokenFromBeforeCategoriesIsRefusedForItsMissingSessionId() {
    JsonObject claims = world.claims();
    claims.remove("sid");
    assertRefusedEverywhere(sign(header(), claims), TokenRejection.MISSING_SESSION_ID);
    assertRefusedEverywhere(sign(header(), world.claims().put("sid", "")), TokenRejection.MISSING_SESSION_ID);
    assertRefusedEverywhere(sign(header(), world.claims().put("sid", 42)), TokenRejection.MISSING_SESSION_ID);
  }

  @Test
  void machineTokenIsRefusedByCategoryAndBySubject() {
    JsonObject m2m = world.claims().put("sub", "mch_2abc");
    m2m.remove("sid");
    assertRefusedEverywhere(sign(header().put("cat", M2M), m2m), TokenRejection.NOT_SESSION_CATEGORY);
    // the ignore category says nothing: the machine subject still gives it away
    assertRefusedEverywhere(sign(header().put("cat", IGNORE), world.claims().put("sub", "mch_2abc")),
      TokenRejection.MACHINE_TOKEN);
  }

  @Test
  void oauthAccessTokenIsRefusedByItsType() {
    assertRefusedEverywhere(sign(header().put("typ", "at+jwt"), world.claims()), TokenRejection.NOT_SESSION_TYPE);
    assertRefusedEverywhere(sign(header().put("typ", "jwt+other"), world.claims()), TokenRejection.NOT_SESSION_TYPE);
    assertRefusedEverywhere(sign(header().put("typ", 1), world.claims()), TokenRejection.NOT_SESSION_TYPE);
  }

  @Test
  void categoryThatIsNotAStringIsNotTheSessionCategory() {
    assertRefusedEverywhere(sign(header().put("cat", 1), world.claims()), TokenRejection.NOT_SESSION_CATEGORY);
    assertRefusedEverywhere(sign(header().put("cat", new JsonObject().put("v", SESSION)), world.claims()),
      TokenRejection.NOT_SESSION_CATEGORY);
    assertRefusedEverywhere(sign(header().putNull("cat"), world.claims()), TokenRejection.NOT_SESSION_CATEGORY);
  }

  @Test
  void sessionTokensWithTheSessionOrIgnoreCategoryOrNoneAreAccepted() {
    for (JsonObject h : new JsonObject[]{header().put("cat", SESSION), header().put("cat", IGNORE), header(),
      headerWithoutTyp()}) {
      assertThat(service.get("/rest-endpoints/1", sign(h, world.claims())).statusCode()).as(h.encode()).isEqualTo(200);
    }
  }

  JsonObject headerWithoutTyp() {
    JsonObject h = header();
    h.remove("typ");
    return h;
  }
}
