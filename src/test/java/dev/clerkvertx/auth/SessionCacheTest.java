package dev.clerkvertx.auth;

import dev.clerkvertx.identity.IdentityDecoder;
import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.jwks.RsaJwk;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** A cache hit is exactly as strict as a miss; entries never outlive their token; size is bounded. */
@ExtendWith(VertxExtension.class)
class SessionCacheTest {
  Vertx vertx;
  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    world = Fixture.start(vertx, "kid-a");
    service = world.service();
  }

  Service startWith(Map<String, String> extra) {
    return world.service(extra);
  }

  String token() {
    return world.token();
  }

  SessionCache cache() {
    return service.running.sessions();
  }

  static final TokenDigest.Hasher HASHER = new TokenDigest.Hasher();

  static VerifiedSession session(String kid, long untilMillis) {
    return new VerifiedSession(kid, Long.MIN_VALUE, untilMillis,
      new IdentityDecoder().decode(new JsonObject().put("sub", "user_1").put("sid", "sess_1")));
  }

  static KeySet keys(String kid) {
    return KeySet.of(List.of(new RsaJwk(kid, "n", "e")), KeySet.KidMatch.BY_KID, 1, Instant.EPOCH);
  }

  @Test
  void repeatedTokenIsVerifiedOnceThenAnsweredFromTheCache() {
    String t = token();
    for (int i = 0; i < 6; i++) {
      assertThat(service.get("/rest-endpoints/" + i, t).statusCode()).isEqualTo(200);
    }
    assertThat(cache().misses()).isEqualTo(1);
    assertThat(cache().hits()).isEqualTo(5);
  }

  @Test
  void expiredTokenIsNeverAnsweredFromTheCache() {
    String t = token();
    assertThat(service.get("/rest-endpoints/1", t).statusCode()).isEqualTo(200);
    assertThat(service.get("/rest-endpoints/1", t).statusCode()).isEqualTo(200);
    world.clock.advance(Duration.ofSeconds(65));
    assertThat(service.get("/rest-endpoints/1", t).statusCode()).isEqualTo(401);
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.EXPIRED);
  }

  @Test
  void tokenWhoseKidWasRemovedIsNeverAnsweredFromTheCache() {
    String t = token();
    assertThat(service.get("/rest-endpoints/1", t).statusCode()).isEqualTo(200);
    assertThat(cache().size()).isEqualTo(1);
    world.jwks.serve(TestKeys.jwk(TestKeys.RSA_B, "kid-b"));
    assertThat(service.refreshKeys()).isTrue();
    assertThat(service.get("/rest-endpoints/1", t).statusCode()).isEqualTo(401);
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.UNKNOWN_KID);
    // the process-wide purge runs on its own event loop: give it a few round trips
    for (int i = 0; i < 100 && cache().size() > 0; i++) {
      service.get("/health", null);
    }
    assertThat(cache().size()).isZero();
  }

  @Test
  void tokenDifferingByOneCharacterIsNeverAHit() {
    String t = token();
    assertThat(service.get("/rest-endpoints/1", t).statusCode()).isEqualTo(200);
    long hits = cache().hits();
    char last = t.charAt(t.length() - 1);
    String other = t.substring(0, t.length() - 1) + (last == 'A' ? 'Q' : 'A');
    assertThat(service.get("/rest-endpoints/1", other).statusCode()).isEqualTo(401);
    assertThat(service.rejections.last()).isEqualTo(TokenRejection.BAD_SIGNATURE);
    assertThat(cache().hits()).isEqualTo(hits);
  }

  @Test
  void rejectedTokensAreNotCached() {
    String pending = world.token(world.claims().put("sts", "pending"));
    assertThat(service.get("/rest-endpoints/1", pending).statusCode()).isEqualTo(401);
    assertThat(service.get("/rest-endpoints/1", pending).statusCode()).isEqualTo(401);
    assertThat(cache().size()).isZero();
    assertThat(cache().hits()).isZero();
  }

  @Test
  void zeroSizeTurnsTheCacheOff() {
    service = startWith(Map.of("TOKEN_CACHE_SIZE", "0"));
    String t = token();
    for (int i = 0; i < 3; i++) {
      assertThat(service.get("/rest-endpoints/1", t).statusCode()).isEqualTo(200);
    }
    assertThat(cache().hits()).isZero();
    assertThat(cache().misses()).isEqualTo(3);
  }

  @Test
  void entryNeverOutlivesItsTokenExpiryPlusSkew() {
    MutableClock c = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SessionCache cache = SessionCache.create(OptionalInt.of(10), 64 << 20, c);
    TokenDigest tok = HASHER.of("tok");
    cache.put(tok, session("k", c.millis() + 65_000));
    c.advance(Duration.ofSeconds(64));
    assertThat(cache.get(tok, keys("k"))).isNotNull();
    c.advance(Duration.ofSeconds(1));
    assertThat(cache.get(tok, keys("k"))).isNull();
    cache.sweep();
    assertThat(cache.size()).isZero();
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void hitIsRefusedOnceTheKeysNoLongerHaveItsKidEvenBeforeAnyPurge() {
    MutableClock c = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SessionCache cache = SessionCache.create(OptionalInt.of(10), 64 << 20, c);
    TokenDigest tok = HASHER.of("tok");
    cache.put(tok, session("kid-a", c.millis() + 60_000));
    assertThat(cache.get(tok, keys("kid-a"))).isNotNull();
    assertThat(cache.get(tok, keys("kid-b"))).isNull();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void identityIsServedFromTheCacheWithoutVerifyingAgain() {
    String t = world.token(world.claims().put("o", new JsonObject().put("id", "org_1").put("rol", "admin")
      .put("per", "read").put("fpm", "1")).put("fea", "o:pings"));
    JsonObject first = service.get("/me", t).bodyAsJsonObject();
    JsonObject second = service.get("/me", t).bodyAsJsonObject();
    assertThat(cache().misses()).isEqualTo(1);
    assertThat(cache().hits()).isEqualTo(1);
    assertThat(second).isEqualTo(first);
    assertThat(second.getJsonArray("orgPermissions").getList()).containsExactly("org:pings:read");
  }

  @Test
  void memoryIsBoundedByEstimatedBytes() {
    MutableClock c = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SessionCache cache = SessionCache.create(OptionalInt.of(100), 64 << 20, c);
    for (int i = 0; i < 1_000; i++) {
      cache.put(HASHER.of("tok" + i), session("k", c.millis() + 60_000));
    }
    assertThat(cache.maxBytes()).isEqualTo(100L * SessionCache.NOMINAL_SESSION_BYTES);
    assertThat(cache.size()).isEqualTo(cache.maxBytes() / session("k", 0).weight());
    assertThat(cache.bytes()).isLessThanOrEqualTo(cache.maxBytes());
    assertThat(cache.full()).isEqualTo(1_000 - cache.size());
  }

  @Test
  void valuesSessionsShareAreChargedToTheCacheOnceAndStay() {
    MutableClock c = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SessionCache cache = SessionCache.create(OptionalInt.of(1_000), 64 << 20, c);
    IdentityDecoder decoder = new IdentityDecoder(cache.sharedValues());
    JsonObject claims = new JsonObject().put("sub", "user_1").put("sid", "sess_1").put("v", 2).put("fea", "o:pings,u:beta")
      .put("pla", "u:pro").put("o", new JsonObject().put("id", "org_1").put("rol", "admin").put("per", "read").put("fpm", "1"));
    VerifiedSession first = new VerifiedSession("k", Long.MIN_VALUE, c.millis() + 60_000, decoder.decode(claims));
    long shared = cache.sharedValues().bytes();
    assertThat(shared).isPositive().isLessThanOrEqualTo(cache.sharedValues().maxBytes());
    assertThat(cache.sharedValues().maxBytes()).isEqualTo(cache.maxBytes() / 8);
    assertThat(cache.bytes()).as("charged when first brought in").isEqualTo(shared);
    cache.put(HASHER.of("a"), first);
    VerifiedSession second = new VerifiedSession("k", Long.MIN_VALUE, c.millis() + 60_000,
      decoder.decode(claims.copy().put("sub", "user_2")));
    cache.put(HASHER.of("b"), second);
    assertThat(cache.sharedValues().bytes()).as("nothing new to share").isEqualTo(shared);
    assertThat(cache.bytes()).isEqualTo(shared + first.weight() + second.weight());
    c.advance(Duration.ofMinutes(2));
    cache.sweep();
    assertThat(cache.size()).isZero();
    assertThat(cache.bytes()).as("the pool keeps them, so they stay weighed").isEqualTo(shared);
  }

  @Test
  void sizeTheHeapCannotHoldIsCappedToItsShare() {
    SessionCache cache = SessionCache.create(OptionalInt.of(10_000_000), 96 << 20, world.clock);
    assertThat(cache.maxBytes()).isEqualTo((long) ((96 << 20) * SessionCache.HEAP_SHARE));
  }

  @Test
  void purgesOnlyEntriesWhoseKidLeftTheKeySet() {
    MutableClock c = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SessionCache cache = SessionCache.create(OptionalInt.of(10), 64 << 20, c);
    cache.put(HASHER.of("a"), session("kid-a", c.millis() + 60_000));
    cache.put(HASHER.of("b"), session("kid-b", c.millis() + 60_000));
    cache.retainKeysOf(keys("kid-b"));
    assertThat(cache.size()).isEqualTo(1);
  }
}
