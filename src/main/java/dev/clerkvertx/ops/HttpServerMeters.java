package dev.clerkvertx.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Vert.x's HTTP server metrics, the same series and labels as vertx-micrometer-metrics' own
 * ({@code vertx_http_server_requests_total}, {@code _response_time_seconds}, {@code _response_bytes} by
 * {@code code}, {@code method}, {@code route}; {@code _request_bytes}, {@code _active_requests},
 * {@code _request_resets_total} by {@code method}; {@code _active_connections}, {@code _bytes_read_total},
 * {@code _bytes_written_total}, {@code _errors_total}), but every meter is resolved once per label set
 * and kept in a table: a request costs a map lookup by its route's name (a string whose hash is
 * cached) and a scan of the few status codes its route has answered, not five registry look-ups
 * (about a tenth of the server's CPU on an authenticated request, measured with JFR).
 * <p>
 * No label value is chosen by a client: {@code method} is one of Vert.x's known method names or
 * {@code OTHER}; {@code route} is the names of the routes the request went through (their patterns,
 * such as {@code /rest-endpoints/:id}, joined by {@code >}; empty for none), at most
 * {@link #MAX_ROUTE_LABELS} of them, then {@code OTHER}; {@code code} is the status the service
 * answered, 100 to 599, else {@code OTHER}. One instance serves every HTTP server of the process.
 */
public final class HttpServerMeters implements HttpServerMetrics<HttpServerMeters.Exchange, Void, Object> {
  /** Distinct route labels kept; the service mounts a few dozen routes. */
  static final int MAX_ROUTE_LABELS = 256;
  static final String OTHER = "OTHER";
  private static final String PREFIX = "vertx.http.server.";
  private static final HttpMethod[] METHODS = HttpMethod.values().toArray(new HttpMethod[0]);
  private static final Object CONNECTION = new Object();

  private final MeterRegistry registry;
  private final LongAdder connections = new LongAdder();
  private final Counter bytesRead;
  private final Counter bytesWritten;
  /** By {@link #methodIndex}; {@link MethodMeters} has only final fields, so a racy read sees it whole. */
  private final MethodMeters[] methods = new MethodMeters[METHODS.length + 1];
  private final ConcurrentHashMap<String, RouteMeters> routes = new ConcurrentHashMap<>();

  public HttpServerMeters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(PREFIX + "active.connections", connections, LongAdder::doubleValue)
      .description("Number of opened connections to the server").register(registry);
    bytesRead = Counter.builder(PREFIX + "bytes.read").description("Number of bytes received by the server")
      .register(registry);
    bytesWritten = Counter.builder(PREFIX + "bytes.written").description("Number of bytes sent by the server")
      .register(registry);
  }

  /** The request's method: its index among Vert.x's known methods, or the last index for any other. */
  static int methodIndex(HttpMethod method) {
    for (int i = 0; i < METHODS.length; i++) {
      if (METHODS[i] == method) {
        return i;
      }
    }
    for (int i = 0; i < METHODS.length; i++) {
      if (METHODS[i].equals(method)) {
        return i;
      }
    }
    return METHODS.length;
  }

  private MethodMeters method(HttpMethod method) {
    int i = methodIndex(method);
    MethodMeters m = methods[i];
    return m != null ? m : createMethod(i);
  }

  private synchronized MethodMeters createMethod(int i) {
    if (methods[i] == null) {
      methods[i] = new MethodMeters(i, i == METHODS.length ? OTHER : METHODS[i].name());
    }
    return methods[i];
  }

  /** The route label's meters; beyond {@link #MAX_ROUTE_LABELS} distinct labels, those of {@code OTHER}. */
  private RouteMeters route(String label) {
    RouteMeters r = routes.get(label);
    if (r != null) {
      return r;
    }
    synchronized (routes) {
      if (routes.size() >= MAX_ROUTE_LABELS && !routes.containsKey(label)) {
        label = OTHER;
      }
      return routes.computeIfAbsent(label, RouteMeters::new);
    }
  }

  @Override
  public Object connected(SocketAddress remoteAddress, String remoteName) {
    connections.increment();
    return CONNECTION;
  }

  @Override
  public void disconnected(Object connection, SocketAddress remoteAddress) {
    connections.decrement();
  }

  @Override
  public void bytesRead(Object connection, SocketAddress remoteAddress, long numberOfBytes) {
    bytesRead.increment(numberOfBytes);
  }

  @Override
  public void bytesWritten(Object connection, SocketAddress remoteAddress, long numberOfBytes) {
    bytesWritten.increment(numberOfBytes);
  }

  @Override
  public void exceptionOccurred(Object connection, SocketAddress remoteAddress, Throwable t) {
    // rare: looked up when it happens, so that the series appears with the first error, as Vert.x's did
    Counter.builder(PREFIX + "errors").description("Number of errors").register(registry).increment();
  }

  @Override
  public Exchange requestBegin(Object connection, HttpRequest request) {
    return new Exchange(method(request.method()));
  }

  @Override
  public Exchange responsePushed(Object connection, HttpMethod method, String uri, HttpResponse response) {
    return new Exchange(method(method));
  }

  @Override
  public void requestRouted(Exchange exchange, String route) {
    exchange.addRoute(route);
  }

  @Override
  public void requestEnd(Exchange exchange, HttpRequest request, long bytesRead) {
    exchange.method.requestBytes.record(bytesRead);
    exchange.requestEnded();
  }

  @Override
  public void requestReset(Exchange exchange) {
    // rare: looked up when it happens, so that the series appears with the first reset, as Vert.x's did
    Counter.builder(PREFIX + "request.resets").tags(exchange.method.tags).description("Number of request resets")
      .register(registry).increment();
    exchange.reset();
  }

  @Override
  public void responseEnd(Exchange exchange, HttpResponse response, long bytesWritten) {
    Outcome outcome = route(exchange.route()).outcome(exchange.method, response.statusCode());
    outcome.requests.increment();
    outcome.time.record(System.nanoTime() - exchange.start, TimeUnit.NANOSECONDS);
    outcome.bytes.record(bytesWritten);
    exchange.responseEnded();
  }

  /** The meters labelled by method alone, and the method's label. */
  private final class MethodMeters {
    final int index;
    final Tags tags;
    final LongAdder active = new LongAdder();
    final DistributionSummary requestBytes;

    MethodMeters(int index, String label) {
      this.index = index;
      this.tags = Tags.of("method", label);
      Gauge.builder(PREFIX + "active.requests", active, LongAdder::doubleValue).tags(tags)
        .description("Number of requests being processed").register(registry);
      requestBytes = DistributionSummary.builder(PREFIX + "request.bytes").tags(tags)
        .description("Size of requests in bytes").register(registry);
    }
  }

  /** The meters of one route label, by method and then status code, each created on first use. */
  private final class RouteMeters {
    final String label;
    /** By method index: the outcomes seen so far, an array replaced (never changed) when one is added. */
    private final AtomicReferenceArray<Outcome[]> byMethod = new AtomicReferenceArray<>(METHODS.length + 1);

    RouteMeters(String label) {
      this.label = label;
    }

    Outcome outcome(MethodMeters method, int code) {
      int status = code >= 100 && code <= 599 ? code : 0;
      Outcome[] known = byMethod.get(method.index);
      if (known != null) {
        for (Outcome o : known) {
          if (o.status == status) {
            return o;
          }
        }
      }
      return add(method, status);
    }

    private synchronized Outcome add(MethodMeters method, int status) {
      Outcome[] known = byMethod.get(method.index);
      int n = known == null ? 0 : known.length;
      for (int i = 0; i < n; i++) {
        if (known[i].status == status) {
          return known[i];
        }
      }
      Outcome[] grown = new Outcome[n + 1];
      if (n > 0) {
        System.arraycopy(known, 0, grown, 0, n);
      }
      grown[n] = new Outcome(status, method.tags.and("route", label, "code", status == 0 ? OTHER : Integer.toString(status)));
      byMethod.set(method.index, grown);
      return grown[n];
    }
  }

  /** The meters of one route, method and status. */
  private final class Outcome {
    final int status;
    final Counter requests;
    final Timer time;
    final DistributionSummary bytes;

    Outcome(int status, Tags tags) {
      this.status = status;
      requests = Counter.builder(PREFIX + "requests").tags(tags).description("Number of processed requests")
        .register(registry);
      time = Timer.builder(PREFIX + "response.time").tags(tags).description("Request processing time")
        .register(registry);
      bytes = DistributionSummary.builder(PREFIX + "response.bytes").tags(tags)
        .description("Size of responses in bytes").register(registry);
    }
  }

  /** One request: its method's meters, when it began, the routes it went through, which ends are done. */
  static final class Exchange {
    final MethodMeters method;
    final long start = System.nanoTime();
    /** Null, one route name, or a list of them. */
    private Object routes;
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean reset;

    private Exchange(MethodMeters method) {
      this.method = method;
      method.active.increment();
    }

    void addRoute(String route) {
      if (route == null) {
        return;
      }
      if (routes == null) {
        routes = route;
      } else if (routes instanceof String first) {
        routes = new ArrayList<>(List.of(first, route));
      } else {
        @SuppressWarnings("unchecked") List<String> all = (List<String>) routes;
        all.add(route);
      }
    }

    String route() {
      if (routes == null) {
        return "";
      }
      if (routes instanceof String one) {
        return one;
      }
      @SuppressWarnings("unchecked") List<String> all = (List<String>) routes;
      return String.join(">", all);
    }

    void requestEnded() {
      requestEnded = true;
      if (!reset && responseEnded) {
        method.active.decrement();
      }
    }

    void responseEnded() {
      responseEnded = true;
      if (!reset && requestEnded) {
        method.active.decrement();
      }
    }

    void reset() {
      if (!reset) {
        reset = true;
        method.active.decrement();
      }
    }
  }
}
