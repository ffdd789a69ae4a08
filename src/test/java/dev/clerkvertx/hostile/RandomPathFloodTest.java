package dev.clerkvertx.hostile;

import dev.clerkvertx.support.MeteredServiceTest;
import dev.clerkvertx.support.RawHttp;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: every request a path, an id, a query and a method of the attacker's choosing, with and
 * without a valid token, hoping that each becomes a Prometheus series (a label value) until the
 * heap runs out. The HTTP server's series are labelled by route pattern, a known method name or
 * {@code OTHER}, and the status the service chose: after a flood of thousands of distinct requests
 * of the same kinds, the series are the ones the first request of each kind made.
 */
class RandomPathFloodTest extends MeteredServiceTest {
  static final int ROUNDS = 40;
  static final int PER_CONNECTION = 50;


  /** The service's series with their labels, JVM ones aside (they come and go with the collector). */
  Set<String> series() {
    return service.freshMetrics().lines().filter(l -> !l.startsWith("#") && !l.isBlank() && !l.startsWith("jvm_"))
      .map(l -> l.substring(0, l.lastIndexOf(' '))).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Random letters and digits, as an attacker would vary a path segment. */
  static String word(Random random) {
    StringBuilder w = new StringBuilder();
    for (int i = 0, n = 4 + random.nextInt(12); i < n; i++) {
      w.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
    }
    return w.toString();
  }

  /**
   * One request of each kind, every name in it random: a path nobody routes (404), an id and query
   * on an authenticated route without a token (401) and with one (200), a routed path with a method
   * it does not take (405), a made-up method (501), then a 404 to end on (its body ends with "}").
   */
  String requests(Random random) {
    String host = "Host: x\r\n";
    String bearer = "Authorization: Bearer " + token + "\r\n";
    return "GET /" + word(random) + "/" + word(random) + " HTTP/1.1\r\n" + host + "\r\n"
      + "GET /rest-endpoints/" + word(random) + "?" + word(random) + "=" + word(random) + " HTTP/1.1\r\n" + host + "\r\n"
      + "GET /rest-endpoints/" + word(random) + " HTTP/1.1\r\n" + host + bearer + "\r\n"
      + "DELETE /health?" + word(random) + " HTTP/1.1\r\n" + host + "\r\n"
      + word(random).toUpperCase() + " /" + word(random) + " HTTP/1.1\r\n" + host + "\r\n"
      + "GET /" + word(random) + " HTTP/1.1\r\n" + host + "\r\n";
  }

  String flood(Random random, int times) {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < times; i++) {
      all.append(requests(random));
    }
    return new RawHttp(vertx, service.running.port())
      .exchange(all.toString(), r -> RawHttp.count(r, "HTTP/1.1 ") >= 6 * times && r.endsWith("}"));
  }

  @Test
  void thousandsOfDistinctPathsIdsQueriesAndMethodsAddNoSeries() {
    Random random = new Random(19);
    String first = flood(random, 1);
    assertThat(first).contains("HTTP/1.1 404", "HTTP/1.1 401", "HTTP/1.1 200", "HTTP/1.1 405", "HTTP/1.1 501");
    Set<String> before = series();
    for (int round = 0; round < ROUNDS; round++) {
      String answers = flood(random, PER_CONNECTION);
      assertThat(RawHttp.count(answers, "HTTP/1.1 200")).as(answers.length() > 3000 ? answers.substring(0, 3000) : answers).isEqualTo(PER_CONNECTION);
      assertThat(RawHttp.count(answers, "HTTP/1.1 501")).isEqualTo(PER_CONNECTION);
    }
    Set<String> after = series();
    assertThat(after).as("series after %d distinct requests", 6 * ROUNDS * PER_CONNECTION).isEqualTo(before);
    assertThat(before).anyMatch(s -> s.startsWith("vertx_http_server_requests_total{code=\"200\",method=\"GET\",route=\"/rest-endpoints/:id\"}"))
      .anyMatch(s -> s.startsWith("vertx_http_server_requests_total{code=\"404\",method=\"GET\",route=\"\"}"));
  }
}
