package dev.clerkvertx.jwks;

import dev.clerkvertx.auth.TokenRejection;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.JwksServer.Behaviour;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ServerSocket;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation, unknown kids, cooldown and outages, through the real service: one key owner, HTTP
 * verticles fed over the event bus, a real JWKS server that each test switches, and fetch counts.
 */
@ExtendWith(VertxExtension.class)
class KeyRotationAndOutageTest {
  Vertx vertx;
  Fixture world;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    world = Fixture.start(vertx, "kid-a");
  }

  Service service;

  Service start(Map<String, String> extra) {
    service = world.service(extra);
    return service;
  }

  String token(KeyPair key, String kid) {
    return world.token(key, kid);
  }

  boolean refresh() {
    return service.refreshKeys();
  }

  @Test
  void fourInstancesShareOneFetchPerRefreshAndAllReceiveTheNewSet() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Service service = start(Map.of("HTTP_INSTANCES", "4", "PORT", String.valueOf(port)));
    assertThat(world.jwks.fetches()).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      assertThat(refresh()).isTrue();
    }
    assertThat(world.jwks.fetches()).isEqualTo(4);

    world.jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"), TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
    assertThat(refresh()).isTrue();
    assertThat(world.jwks.fetches()).isEqualTo(5);
    // one connection per request: connections are spread over the four event loops. Every
    // instance must report the new generation by itself, from the published set: 16 answers in a
    // row (an instance missing the publish would report an old one for ever)
    WebClient fresh = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    long latest = service.running.keyStats().keySet().generation();
    int inARow = 0;
    for (int i = 0; i < 400 && inARow < 16; i++) {
      JsonObject keys = Service.await(fresh.get(port, "127.0.0.1", "/ready").send()).bodyAsJsonObject()
        .getJsonArray("checks").stream().map(o -> (JsonObject) o).filter(c -> "keys".equals(c.getString("id")))
        .findFirst().orElseThrow();
      inARow = keys.getJsonObject("data").getLong("generation") == latest ? inARow + 1 : 0;
    }
    assertThat(inARow).as("consecutive instances reporting generation " + latest).isEqualTo(16);
    String rotated = token(TestKeys.RSA_B, "kid-b");
    for (int i = 0; i < 16; i++) {
      HttpResponse<Buffer> resp = Service.await(fresh.get(port, "127.0.0.1", "/rest-endpoints/1").bearerTokenAuthentication(rotated).send());
      assertThat(resp.statusCode()).isEqualTo(200);
    }
    assertThat(world.jwks.fetches()).as("no instance had to ask for the rotated kid").isEqualTo(5);
    assertThat(service.running.keyStats().unknownKidFetches()).isZero();
  }

  @Test
  void thousandRandomKidsInOneCooldownCauseAtMostOneFetchAndDoNotDelayValidTokens() {
    Service service = start(Map.of());
    String valid = token(TestKeys.RSA_A, "kid-a");
    List<Future<HttpResponse<Buffer>>> floods = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> goods = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      floods.add(service.client.get("/rest-endpoints/1").bearerTokenAuthentication(token(TestKeys.RSA_B, "kid-" + UUID.randomUUID())).send());
      if (i % 20 == 0) {
        goods.add(service.client.get("/rest-endpoints/1").bearerTokenAuthentication(valid).send());
      }
    }
    Service.await(Future.join(floods));
    Service.await(Future.join(goods));
    assertThat(floods).allMatch(f -> f.result().statusCode() == 401);
    assertThat(goods).allMatch(f -> f.result().statusCode() == 200);
    assertThat(world.jwks.fetches()).isLessThanOrEqualTo(2);
    assertThat(service.running.keyStats().unknownKidFetches()).isLessThanOrEqualTo(1);
    assertThat(service.rejections.all()).containsOnly(TokenRejection.UNKNOWN_KID);
  }

  @Test
  void rotatedInKidIsAcceptedOnItsFirstRequest() {
    Service service = start(Map.of());
    world.jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"), TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
    assertThat(service.get("/rest-endpoints/1", token(TestKeys.RSA_B, "kid-b")).statusCode()).isEqualTo(200);
    assertThat(world.jwks.fetches()).isEqualTo(2);
  }

  @Test
  void unknownKidRequestWaitsAsLongAsTheFetchMayTake() {
    // a fetch may take CLERK_JWKS_TIMEOUT_SECONDS; the HTTP verticle's question to the key owner must
    // not give up before it does (it once gave up after a fixed 15 s)
    Service service = start(Map.of("CLERK_JWKS_TIMEOUT_SECONDS", "20", "HTTP_REQUEST_TIMEOUT_SECONDS", "30"));
    world.jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"), TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
    world.jwks.delay(16_000);
    HttpResponse<Buffer> resp = Service.await(service.client.get("/rest-endpoints/1")
      .bearerTokenAuthentication(token(TestKeys.RSA_B, "kid-b")).timeout(25_000).send());
    assertThat(resp.statusCode()).isEqualTo(200);
  }

  @Test
  void periodicRefreshAMomentEarlierDoesNotStopTheRotatedKid() {
    Service service = start(Map.of());
    assertThat(refresh()).isTrue();
    world.jwks.serve(TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
    assertThat(service.get("/rest-endpoints/1", token(TestKeys.RSA_B, "kid-b")).statusCode()).isEqualTo(200);
    assertThat(world.jwks.fetches()).isEqualTo(3);
  }

  @Test
  void unknownKidDuringCooldownIsRejectedAtOnceThenFetchedOnceCooldownEnds() {
    Service service = start(Map.of());
    assertThat(service.get("/rest-endpoints/1", token(TestKeys.RSA_B, "kid-unknown")).statusCode()).isEqualTo(401);
    assertThat(world.jwks.fetches()).isEqualTo(2);

    world.jwks.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"), TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
    world.clock.advance(Duration.ofSeconds(29));
    assertThat(service.get("/rest-endpoints/1", token(TestKeys.RSA_B, "kid-b")).statusCode()).isEqualTo(401);
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.UNKNOWN_KID);
    assertThat(world.jwks.fetches()).isEqualTo(2);

    world.clock.advance(Duration.ofSeconds(1));
    assertThat(service.get("/rest-endpoints/1", token(TestKeys.RSA_B, "kid-b")).statusCode()).isEqualTo(200);
    assertThat(world.jwks.fetches()).isEqualTo(3);
  }

  @Test
  void keysMissingFromANewGoodSetAreDropped() {
    Service service = start(Map.of());
    String old = token(TestKeys.RSA_A, "kid-a");
    assertThat(service.get("/rest-endpoints/1", old).statusCode()).isEqualTo(200);
    world.jwks.serve(TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
    assertThat(refresh()).isTrue();
    assertThat(service.get("/rest-endpoints/1", old).statusCode()).isEqualTo(401);
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.UNKNOWN_KID);
  }

  @ParameterizedTest
  @EnumSource(value = Behaviour.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
  void failedRefreshOfAnyKindKeepsTheLastGoodKeys(Behaviour outage) {
    Service service = start(Map.of());
    String valid = token(TestKeys.RSA_A, "kid-a");
    world.jwks.behave(outage);
    assertThat(refresh()).isFalse();
    assertThat(service.get("/rest-endpoints/1", valid).statusCode()).isEqualTo(200);
    assertThat(service.get("/ready", null).statusCode()).isEqualTo(200);
    // an unknown kid during the outage is still a plain 401, not a 503
    assertThat(service.get("/rest-endpoints/1", token(TestKeys.RSA_B, "kid-new")).statusCode()).isEqualTo(401);
    assertThat(service.running.keyStats().successes()).isEqualTo(1);
  }

  @Test
  void connectionRefusedKeepsTheLastGoodKeys() {
    Service service = start(Map.of());
    world.jwks.down();
    assertThat(refresh()).isFalse();
    assertThat(service.get("/rest-endpoints/1", token(TestKeys.RSA_A, "kid-a")).statusCode()).isEqualTo(200);
    assertThat(service.running.keyStats().failures(JwksFailure.CONNECT_FAILED)).isEqualTo(1);
  }

  @Test
  void outageLosesNoValidRequest() {
    Service service = start(Map.of());
    String valid = token(TestKeys.RSA_A, "kid-a");
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    Behaviour[] outages = {Behaviour.STATUS_500, Behaviour.HTML, Behaviour.EMPTY_SET, Behaviour.HUGE, Behaviour.GARBAGE};
    for (Behaviour b : outages) {
      world.jwks.behave(b);
      Future<?> refreshing = vertx.eventBus().request(service.running.keys().refreshAddress(), null);
      for (int i = 0; i < 40; i++) {
        all.add(service.client.get("/rest-endpoints/" + i).bearerTokenAuthentication(valid).send());
      }
      Service.await(refreshing);
    }
    Service.await(Future.join(all));
    assertThat(all).allMatch(f -> f.succeeded() && f.result().statusCode() == 200);
  }

  @Test
  void startsWithJwksDownAnswers503ThenServesOnceKeysArriveWithoutRestart() {
    world.jwks.down();
    Service service = start(Map.of());
    String valid = token(TestKeys.RSA_A, "kid-a");
    assertThat(service.get("/ready", null).statusCode()).isEqualTo(503);
    HttpResponse<Buffer> rest = service.get("/rest-endpoints/1", valid);
    assertThat(rest.statusCode()).isEqualTo(503);
    assertThat(rest.getHeader("Retry-After")).isNotBlank();
    assertThat(rest.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", "Service Unavailable").put("statusCode", 503));
    HttpResponse<Buffer> gql = service.graphql("{ pingOne(id: \"1\") }", valid);
    assertThat(gql.statusCode()).isEqualTo(503);
    assertThat(gql.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"))
      .isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(service.get("/health", null).statusCode()).isEqualTo(200);

    world.jwks.up();
    // the owner retries by itself (1 s, then doubling): wait for readiness, no restart, no nudge
    Promise<Void> ready = Promise.promise();
    long timer = vertx.setPeriodic(100, id -> service.client.get("/ready").send()
      .onSuccess(r -> { if (r.statusCode() == 200) { ready.tryComplete(); } }));
    Service.await(ready.future());
    vertx.cancelTimer(timer);
    assertThat(service.get("/rest-endpoints/1", valid).statusCode()).isEqualTo(200);
  }

  @Test
  void refreshesPeriodicallyWithoutBeingAsked() {
    KeyStats stats = new KeyStats();
    KeySource source = RemoteKeySource.builder(world.jwks.url()).refresh(Duration.ofSeconds(1))
      .timeout(Duration.ofMillis(500)).cooldown(Duration.ofSeconds(1)).clock(world.clock).stats(stats).build();
    Service.await(vertx.deployVerticle(new KeyOwnerVerticle(source, KeyChannel.create(vertx))));
    Promise<Void> three = Promise.promise();
    vertx.setPeriodic(50, id -> {
      if (stats.successes() >= 3) {
        vertx.cancelTimer(id);
        three.tryComplete();
      }
    });
    Service.await(three.future());
    assertThat(stats.successes()).isGreaterThanOrEqualTo(3);
  }
}
