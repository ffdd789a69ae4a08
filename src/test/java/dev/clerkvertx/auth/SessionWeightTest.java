package dev.clerkvertx.auth;

import dev.clerkvertx.identity.IdentityDecoder;
import dev.clerkvertx.support.LiveHeap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.util.Collections;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clerk_token_cache_bytes} agrees with the live heap it stands for: a cache is filled with
 * sessions of one shape, decoded through the cache's own shared pool as the service does, and its
 * {@link SessionCache#bytes()} is compared with the live heap (class histograms, which collect first)
 * that goes away with the cache. Measured on Java 17 (compressed references): the ratio is 1.01 to
 * 1.02 for every shape here. Bytes a session: plain 283 (was 275 weighed, 273 real); one shared
 * organisation with 10 features × 25 permissions 499 (was 275 weighed, 271 real); distinct such
 * organisations 505 (was 275 weighed, 20,560 real); distinct organisations with names of their own
 * about 4,900 while the shared pool has room (was 24,780 real); v1 lists of 250 permissions 449 (was 20,840 real).
 */
@Tag("live-heap")
class SessionWeightTest {
  /** A Clerk-length id: prefix, number, padding to 32 characters. */
  static String id(String prefix, int i) {
    String s = prefix + Integer.toString(i, 36);
    return s + "x".repeat(32 - s.length());
  }

  static JsonObject plain(int i) {
    return new JsonObject().put("azp", "https://app.example.com").put("exp", 1_900_000_000L).put("iat", 1_899_999_940L)
      .put("fva", new JsonArray().add(i % 50).add(-1)).put("sid", id("sess_", i)).put("sts", "active")
      .put("sub", id("user_", i)).put("v", 2);
  }

  static String list(String prefix, String name, int count, String suffix) {
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < count; j++) {
      b.append(j == 0 ? "" : ",").append(prefix).append(name).append(j).append(suffix);
    }
    return b.toString();
  }

  /** 10 organisation features × 25 permissions, all granted, in organisation {@code org}; names unique to it when {@code ownNames}. */
  static JsonObject org(int i, int org, boolean ownNames) {
    String suffix = ownNames ? "_" + org : "";
    return plain(i).put("fea", list("o:", "feature", 10, suffix)).put("o", new JsonObject().put("id", id("org_", org))
      .put("slg", "tenant-" + org).put("rol", "admin").put("per", list("", "permission", 25, suffix))
      .put("fpm", String.join(",", Collections.nCopies(10, String.valueOf((1 << 25) - 1)))));
  }

  static JsonObject v1(int i) {
    JsonArray permissions = new JsonArray();
    for (int f = 0; f < 10; f++) {
      for (int p = 0; p < 25; p++) {
        permissions.add("org:feature" + f + ":permission" + p);
      }
    }
    JsonObject c = plain(i).put("org_id", id("org_", i)).put("org_slug", "tenant-" + i).put("org_role", "org:admin")
      .put("org_permissions", permissions);
    c.remove("v");
    return c;
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
      Arguments.of("plain", 20_000, 10_000_000, 320, (IntFunction<JsonObject>) SessionWeightTest::plain),
      Arguments.of("one shared organisation, 10 x 25", 10_000, 10_000_000, 560, (IntFunction<JsonObject>) i -> org(i, 7, false)),
      Arguments.of("distinct organisations, 10 x 25", 10_000, 10_000_000, 560, (IntFunction<JsonObject>) i -> org(i, i, false)),
      Arguments.of("distinct organisations, names of their own, pool full", 4_000, 40_000, 6_000,
        (IntFunction<JsonObject>) i -> org(i, i, true)),
      Arguments.of("v1, distinct organisations, 250 permissions", 5_000, 10_000_000, 500, (IntFunction<JsonObject>) SessionWeightTest::v1));
  }

  /** What a filled cache weighed, and the live heap while it was held. */
  record Filled(long heap, long weighed, long size, long maxBytes) {
  }

  /** Fills a cache and measures it; the cache and its pool are unreachable once this returns. */
  static Filled fill(int sessions, int cacheSize, IntFunction<JsonObject> claims) {
    SessionCache cache = SessionCache.create(OptionalInt.of(cacheSize), 1L << 40, Clock.systemUTC());
    IdentityDecoder decoder = new IdentityDecoder(cache.sharedValues());
    TokenDigest.Hasher hasher = new TokenDigest.Hasher();
    for (int i = 0; i < sessions; i++) {
      cache.put(hasher.of("token " + i), new VerifiedSession("kid-a", 0, Long.MAX_VALUE, decoder.decode(claims.apply(i))));
    }
    return new Filled(LiveHeap.bytes(), cache.bytes(), cache.size(), cache.maxBytes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void theCacheWeighsWhatTheHeapHolds(String shape, int sessions, int cacheSize, int maxBytesASession,
                                      IntFunction<JsonObject> claims) {
    LiveHeap.settledBytes();
    Filled filled = fill(sessions, cacheSize, claims);
    // the heap the cache stood for: what went away with it
    long heap = filled.heap() - LiveHeap.bytes();
    double ratio = (double) filled.weighed() / heap;
    System.out.printf("%s: %d sessions kept, %.0f bytes a session on the heap, %.0f weighed, weighed/heap %.3f%n",
      shape, filled.size(), (double) heap / filled.size(), (double) filled.weighed() / filled.size(), ratio);
    assertThat(filled.size()).isPositive();
    assertThat(filled.weighed()).isLessThanOrEqualTo(filled.maxBytes());
    assertThat(ratio).as("weighed / live heap").isBetween(0.93, 1.10);
    assertThat(filled.weighed() / filled.size()).as("bytes a session").isLessThanOrEqualTo(maxBytesASession);
  }
}
