package dev.clerkvertx.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * A Vert.x instance whose metrics go to one Prometheus registry: vertx-micrometer-metrics for pools,
 * the event bus and the HTTP client, and {@link HttpServerMeters} for the HTTP servers (the same
 * series, each meter resolved once instead of looked up on every request); the JVM's series are bound
 * by {@link JvmMeters} once the service listens. No label value is ever chosen by a client.
 */
public final class MetricsSetup {
  private MetricsSetup() {
  }

  /** A Vert.x instance with HTTP and pool metrics in {@code registry} (deploy {@link JvmMeters} for the JVM's). */
  public static Vertx vertx(PrometheusMeterRegistry registry, VertxOptions options) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(false)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder().with(options.setMetricsOptions(metrics))
      .withMetrics(new Factory(new MicrometerMetricsFactory(registry))).build();
  }

  /** A fresh registry in Prometheus format. */
  public static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** vertx-micrometer-metrics' factory, its HTTP server metrics replaced. */
  private record Factory(MicrometerMetricsFactory micrometer) implements VertxMetricsFactory {
    @Override
    public VertxMetrics metrics(VertxOptions options) {
      VertxMetrics metrics = micrometer.metrics(options);
      // the registry vertx-micrometer-metrics writes to: the one of the first Vert.x instance of this name
      String name = options.getMetricsOptions() instanceof MicrometerMetricsOptions m ? m.getRegistryName()
        : MicrometerMetricsOptions.DEFAULT_REGISTRY_NAME;
      return new Metrics(metrics, new HttpServerMeters(BackendRegistries.getNow(name)));
    }

    @Override
    public MetricsOptions newOptions() {
      return micrometer.newOptions();
    }

    @Override
    public MetricsOptions newOptions(MetricsOptions options) {
      return micrometer.newOptions(options);
    }

    @Override
    public MetricsOptions newOptions(JsonObject json) {
      return micrometer.newOptions(json);
    }
  }

  /** Every metric of vertx-micrometer-metrics but the HTTP servers'. */
  private record Metrics(VertxMetrics micrometer, HttpServerMeters servers) implements VertxMetrics {
    @Override
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
      return servers;
    }

    @Override
    public EventBusMetrics<?> createEventBusMetrics() {
      return micrometer.createEventBusMetrics();
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
      return micrometer.createClientMetrics(remoteAddress, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return micrometer.createHttpClientMetrics(options);
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
      return micrometer.createNetServerMetrics(options, localAddress);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return micrometer.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return micrometer.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
      return micrometer.createPoolMetrics(poolType, poolName, maxPoolSize);
    }

    @Override
    public void vertxCreated(Vertx vertx) {
      micrometer.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
      return micrometer.isMetricsEnabled();
    }

    @Override
    public void close() {
      micrometer.close();
    }
  }
}
