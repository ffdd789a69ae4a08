package dev.clerkvertx.ops;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A Vert.x instance whose metrics go to one Prometheus registry. No label value is ever chosen by a
 * client: Vert.x's own {@code method} label would carry any made-up method name, so it is replaced
 * by one whose value is a standard method name or {@code OTHER}; {@code route} is the route pattern.
 */
public final class MetricsSetup {
  static final String OTHER = "OTHER";
  private static final Map<HttpMethod, Tags> METHOD_TAGS = new HashMap<>();
  private static final Tags OTHER_TAGS = Tags.of(Label.HTTP_METHOD.toString(), OTHER);

  static {
    for (HttpMethod m : HttpMethod.values()) {
      METHOD_TAGS.put(m, Tags.of(Label.HTTP_METHOD.toString(), m.name()));
    }
  }

  private MetricsSetup() {
  }

  /** A Vert.x instance with HTTP, JVM and pool metrics in {@code registry}. */
  public static Vertx vertx(PrometheusMeterRegistry registry, VertxOptions options) {
    EnumSet<Label> labels = EnumSet.copyOf(MicrometerMetricsOptions.DEFAULT_LABELS);
    labels.remove(Label.HTTP_METHOD);
    labels.add(Label.HTTP_ROUTE);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      .setLabels(labels)
      .setServerRequestTagsProvider(request -> METHOD_TAGS.getOrDefault(request.method(), OTHER_TAGS))
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder().with(options.setMetricsOptions(metrics))
      .withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** A fresh registry in Prometheus format. */
  public static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }
}
