package dev.clerkvertx.ops;

import dev.clerkvertx.support.Claims;
import dev.clerkvertx.support.JwksServer;
import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import dev.clerkvertx.support.Tokens;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpServerMeters}: the series vertx-micrometer-metrics wrote for the same exchanges (so
 * dashboards and alerts keep working), and the route label's bound.
 */
class HttpServerMetersTest {

  /**
   * Vert.x with vertx-micrometer-metrics' own HTTP server metrics, configured as the service had them
   * before {@link HttpServerMeters}: labels {@code code}, {@code route}, and {@code method} as a known
   * method name or {@code OTHER}.
   */
  static Vertx vertxWithMicrometersOwnHttpServerMetrics() {
    EnumSet<Label> labels = EnumSet.copyOf(MicrometerMetricsOptions.DEFAULT_LABELS);
    labels.remove(Label.HTTP_METHOD);
    labels.add(Label.HTTP_ROUTE);
    Map<HttpMethod, Tags> methods = new HashMap<>();
    HttpMethod.values().forEach(m -> methods.put(m, Tags.of("method", m.name())));
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setLabels(labels)
      .setServerRequestTagsProvider(request -> methods.getOrDefault(request.method(), Tags.of("method", "OTHER")))
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(metrics))
      .withMetrics(new MicrometerMetricsFactory(MetricsSetup.registry())).build();
  }

  /**
   * The same exchanges with a fresh service on {@code vertx} (then closed): its {@code vertx_http_server_}
   * series and their values, but times and what depends on when connections open and close by name only.
   */
  static Map<String, String> httpServerSeries(Vertx vertx) {
    try {
      JwksServer keys = Service.await(new JwksServer(vertx).start());
      keys.serve(TestKeys.jwk(TestKeys.RSA_A, "kid-a"));
      MutableClock now = MutableClock.atNow();
      Map<String, String> env = Service.baseEnv();
      env.put("CLERK_ISSUER_URL", keys.baseUrl());
      Service s = Service.start(vertx, env, now);
      String valid = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"), Claims.valid(now, keys.baseUrl()));
      for (int i = 0; i < 3; i++) {
        assertThat(s.get("/rest-endpoints/" + i, valid).statusCode()).isEqualTo(200);
      }
      assertThat(s.get("/rest-endpoints/7", null).statusCode()).isEqualTo(401);
      assertThat(s.get("/health", null).statusCode()).isEqualTo(200);
      assertThat(s.get("/no/such/path", null).statusCode()).isEqualTo(404);
      assertThat(s.send(s.client.post("/health")).statusCode()).isEqualTo(405);
      assertThat(s.send(s.client.head("/health")).statusCode()).isEqualTo(200);
      assertThat(s.send(s.client.request(HttpMethod.valueOf("BREW"), "/health")).statusCode()).isEqualTo(501);
      assertThat(s.send(s.client.request(HttpMethod.PROPFIND, "/health")).statusCode()).isEqualTo(501);
      // a route with a body is two Vert.x routes on the same path: its label names both
      String writer = Tokens.rs256(TestKeys.RSA_A.getPrivate(), Claims.header("kid-a"),
        Claims.valid(now, keys.baseUrl()).mergeIn(Claims.member("org_1", "member", "org:notes:write")));
      assertThat(s.send(s.client.post("/api/notes").bearerTokenAuthentication(writer)
        .putHeader("Content-Type", "application/json")).statusCode()).isEqualTo(400);
      Map<String, String> series = new TreeMap<>();
      s.freshMetrics().lines().filter(l -> l.startsWith("vertx_http_server_")).forEach(l -> {
        String name = l.substring(0, l.lastIndexOf(' '));
        boolean byNameOnly = l.startsWith("vertx_http_server_response_time_seconds")
          || l.startsWith("vertx_http_server_active_connections") || l.startsWith("vertx_http_server_bytes_");
        series.put(name, byNameOnly ? "present" : l.substring(l.lastIndexOf(' ') + 1));
      });
      return series;
    } finally {
      Service.await(vertx.close());
    }
  }

  @Test
  void seriesAreTheOnesVertxMicrometerMetricsWroteForTheSameRequests() {
    Map<String, String> expected = httpServerSeries(vertxWithMicrometersOwnHttpServerMetrics());
    assertThat(expected)
      .containsEntry("vertx_http_server_requests_total{code=\"200\",method=\"GET\",route=\"/rest-endpoints/:id\"}", "3.0")
      .containsEntry("vertx_http_server_requests_total{code=\"501\",method=\"OTHER\",route=\"\"}", "1.0")
      .containsEntry("vertx_http_server_requests_total{code=\"400\",method=\"POST\",route=\"/api/notes>/api/notes\"}", "1.0")
      .containsKey("vertx_http_server_response_time_seconds_max{code=\"404\",method=\"GET\",route=\"\"}");
    assertThat(httpServerSeries(MetricsSetup.vertx(MetricsSetup.registry(), new VertxOptions()))).isEqualTo(expected);
  }

  @Test
  void routeLabelsStopAtTheirBoundAndTheRestCountAsOther() {
    PrometheusMeterRegistry registry = MetricsSetup.registry();
    HttpServerMeters meters = new HttpServerMeters(registry);
    int routes = 3 * HttpServerMeters.MAX_ROUTE_LABELS;
    for (int i = 0; i < routes; i++) {
      HttpServerMeters.Exchange exchange = meters.requestBegin(null, request(HttpMethod.GET));
      meters.requestRouted(exchange, "/route-" + i);
      meters.requestEnd(exchange, null, 0);
      meters.responseEnd(exchange, response(200), 10);
    }
    String text = registry.scrape();
    long labelled = text.lines().filter(l -> l.startsWith("vertx_http_server_requests_total{")).count();
    assertThat(labelled).as("the bound, and OTHER").isEqualTo(HttpServerMeters.MAX_ROUTE_LABELS + 1);
    assertThat(MetricsTest.value(text, "vertx_http_server_requests_total{code=\"200\",method=\"GET\",route=\"OTHER\"}"))
      .isEqualTo(routes - HttpServerMeters.MAX_ROUTE_LABELS);
    assertThat(MetricsTest.value(text, "vertx_http_server_active_requests{method=\"GET\"}")).isEqualTo(0.0);
  }

  @Test
  void aStatusOutsideHttpsRangeIsLabelledOther() {
    PrometheusMeterRegistry registry = MetricsSetup.registry();
    HttpServerMeters meters = new HttpServerMeters(registry);
    for (int status : new int[]{200, 999, 42}) {
      HttpServerMeters.Exchange exchange = meters.requestBegin(null, request(HttpMethod.valueOf("BREW")));
      meters.responseEnd(exchange, response(status), 0);
    }
    String text = registry.scrape();
    assertThat(MetricsTest.value(text, "vertx_http_server_requests_total{code=\"OTHER\",method=\"OTHER\",route=\"\"}"))
      .isEqualTo(2.0);
    assertThat(text).doesNotContain("999").doesNotContain("BREW");
  }

  static HttpResponse response(int status) {
    return new HttpResponse() {
      @Override
      public int statusCode() {
        return status;
      }

      @Override
      public MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap();
      }
    };
  }

  static HttpRequest request(HttpMethod method) {
    return new HttpRequest() {
      @Override
      public int id() {
        return 0;
      }

      @Override
      public String uri() {
        return "/";
      }

      @Override
      public String absoluteURI() {
        return "http://localhost/";
      }

      @Override
      public HttpMethod method() {
        return method;
      }

      @Override
      public MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap();
      }

      @Override
      public SocketAddress remoteAddress() {
        return null;
      }
    };
  }
}
