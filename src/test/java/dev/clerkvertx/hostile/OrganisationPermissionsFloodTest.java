package dev.clerkvertx.hostile;

import dev.clerkvertx.auth.SessionCache;
import dev.clerkvertx.support.Fixture;
import dev.clerkvertx.support.LiveHeap;
import dev.clerkvertx.support.Service;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (issue 14, item 4): v2 session tokens whose organisations carry many permissions
 * (10 organisation features × 25 permissions, all granted), each in an organisation of its own. They
 * used to hold about 20 KB of heap a session while the cache weighed 275 bytes, until the heap ran
 * out. Over the real socket: the cache's weighed bytes stay within its budget and track the live
 * heap they stand for, the process keeps answering, and {@code has()} still decides each session
 * correctly, whether the cache kept it or not.
 */
@ExtendWith(VertxExtension.class)
@Tag("live-heap")
class OrganisationPermissionsFloodTest {
  static final int SESSIONS = 5_000;
  static final int PINGS = 3;
  static final int READ = 7;

  Fixture world;
  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    world = Fixture.start(vertx, "kid-a");
    // about 1.6 MB: roughly 3,000 of these sessions
    service = world.service(Map.of("TOKEN_CACHE_SIZE", "6000"));
  }

  /** Organisation {@code i}'s admin; org:pings:read granted when {@code i} is even. */
  String token(int i) {
    List<String> features = new ArrayList<>();
    List<String> masks = new ArrayList<>();
    for (int f = 0; f < 10; f++) {
      features.add("o:" + (f == PINGS ? "pings" : "feature" + f));
      masks.add(String.valueOf(f == PINGS && i % 2 == 1 ? ((1 << 25) - 1) & ~(1 << READ) : (1 << 25) - 1));
    }
    List<String> names = new ArrayList<>();
    for (int p = 0; p < 25; p++) {
      names.add(p == READ ? "read" : "permission" + p);
    }
    return world.token(world.claims().put("sub", "user_flood_" + i).put("sid", "sess_flood_" + i)
      .put("fea", String.join(",", features))
      .put("o", new JsonObject().put("id", "org_flood_" + i).put("slg", "tenant-" + i).put("rol", "admin")
        .put("per", String.join(",", names)).put("fpm", String.join(",", masks))));
  }

  /** Sends every token to the permission-guarded route, 100 at a time; checks each answer. */
  void sendAll(List<String> tokens, int from) {
    for (int start = 0; start < tokens.size(); start += 100) {
      List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (int i = start; i < Math.min(start + 100, tokens.size()); i++) {
        sent.add(service.client.get("/org-endpoints/" + (from + i)).bearerTokenAuthentication(tokens.get(i)).send());
      }
      for (int k = 0; k < sent.size(); k++) {
        int i = from + start + k;
        HttpResponse<Buffer> answer = Service.await(sent.get(k));
        if (i % 2 == 0) {
          assertThat(answer.statusCode()).as("session %d", i).isEqualTo(200);
          assertThat(answer.bodyAsString()).isEqualTo("Org Ping #" + i + " for org_flood_" + i + "!");
        } else {
          assertThat(answer.statusCode()).as("session %d", i).isEqualTo(403);
        }
      }
    }
  }

  @Test
  void organisationsWithManyPermissionsAreWeighedAndStillDecidedCorrectly() {
    List<String> warmUp = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      warmUp.add(token(SESSIONS + i));
    }
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      tokens.add(token(i));
    }
    sendAll(warmUp, SESSIONS);
    SessionCache cache = service.running.sessions();
    long weighedBefore = cache.bytes();
    long heapBefore = LiveHeap.settledBytes();

    sendAll(tokens, 0);

    long heap = LiveHeap.bytes() - heapBefore;
    long weighed = cache.bytes() - weighedBefore;
    double ratio = (double) weighed / heap;
    System.out.printf("organisation flood: %d sessions kept of %d, %d refused for the budget, weighed %d bytes "
        + "(budget %d), live heap grew %d bytes: weighed/heap %.3f%n",
      cache.size(), SESSIONS + warmUp.size(), cache.full(), cache.bytes(), cache.maxBytes(), heap, ratio);
    assertThat(cache.full()).as("the flood reached the budget").isPositive();
    assertThat(cache.bytes()).isLessThanOrEqualTo(cache.maxBytes());
    // the exact ratio per shape is SessionWeightTest's (0.93-1.10, both ways). Here the service, its client
    // and Vert.x share the heap being measured, and what they let go during the flood can only make the
    // heap look smaller than the cache (ratios of 2.1 and 3.6 were seen on a loaded machine): so this
    // socket-level test judges the direction that matters, sessions weighed far lighter than the heap
    // they hold (0.535 with the organisations' weight removed, 0.013 before they were weighed)
    assertThat(ratio).as("weighed / live heap").isGreaterThanOrEqualTo(0.7);

    // kept or not, every session is decided as before; the process keeps answering
    long hits = cache.hits();
    sendAll(tokens, 0);
    assertThat(cache.hits() - hits).as("kept sessions answered from the cache").isPositive();
    assertThat(service.get("/health", null).statusCode()).isEqualTo(200);
    assertThat(service.get("/rest-endpoints/1", world.token()).statusCode()).isEqualTo(200);
  }
}
