package dev.clerkvertx;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.auth.VerifiedTokenCache;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.config.Resources;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.dev.DevIssuer;
import dev.clerkvertx.http.GraphiQLPage;
import dev.clerkvertx.http.HttpVerticle;
import dev.clerkvertx.http.Services;
import dev.clerkvertx.jwks.KeyManagerVerticle;
import dev.clerkvertx.jwks.KeyStats;
import dev.clerkvertx.jwks.PemKey;
import dev.clerkvertx.ops.ServiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wires the service: configuration, then the one key owner, then {@code HTTP_INSTANCES} HTTP
 * verticles. The tests start the service through here too, so they exercise the real wiring.
 */
public final class Application {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  /** A started service: what tests and the launcher need to know about it. */
  public record Running(ServiceConfig config, int port, KeyStats keyStats, VerifiedTokenCache tokenCache,
                        DevIssuer devIssuer, PrometheusMeterRegistry metrics, AtomicBoolean draining,
                        List<HttpVerticle> servers) {

    /**
     * Graceful drain: readiness turns 503 at once, listeners stop accepting connections, in-flight
     * requests get up to {@code grace} to finish.
     */
    public Future<Void> drain(Duration grace) {
      draining.set(true);
      return Future.join(servers.stream().map(s -> s.drain(grace)).toList()).mapEmpty();
    }
  }

  private Application() {
  }

  /**
   * Loads and validates the configuration and deploys everything. Must be called off the event loop:
   * it reads the jar's resources with plain blocking I/O, once.
   *
   * @param observer told of every authentication outcome besides the metrics (tests record them)
   */
  public static Future<Running> start(Vertx vertx, ConfigLoader loader, boolean devModeAllowed, Clock clock,
                                      AuthEvents observer) {
    String schema = Resources.text("graphql/schema.graphqls");
    String graphiql = Resources.text(GraphiQLPage.WEBROOT + "/index.html");
    return loader.load(vertx)
      .map(json -> ServiceConfig.from(json, devModeAllowed))
      .compose(config -> deploy(vertx, config, clock, schema, graphiql, observer));
  }

  private static Future<Running> deploy(Vertx vertx, ServiceConfig loaded, Clock clock, String schema,
                                        String graphiql, AuthEvents observer) {
    Future<DevIssuer> devIssuer = loaded.mode() == ServiceConfig.Mode.DEV
      ? vertx.executeBlocking(() -> DevIssuer.generate("http://localhost:" + loaded.port(), clock))
      : Future.succeededFuture(null);
    return devIssuer.compose(dev -> {
      ServiceConfig config = dev == null ? loaded : loaded.withIssuer(dev.issuer());
      KeyStats stats = new KeyStats();
      KeyManagerVerticle keys = switch (config.mode()) {
        case JWKS -> KeyManagerVerticle.remote(config.jwksUrl(), config.jwksTimeout(), config.jwksRefresh(),
          config.jwksCooldown(), clock, stats);
        case PEM -> KeyManagerVerticle.fixed(List.of(PemKey.toJwk(config.jwtKeyPem())), true, clock, stats);
        case DEV -> KeyManagerVerticle.fixed(List.of(dev.publicJwk()), false, clock, stats);
      };
      VerifiedTokenCache cache = VerifiedTokenCache.create(config.tokenCacheSize(), clock);
      cache.followKeySets(vertx);
      PrometheusMeterRegistry registry = registry(vertx);
      ServiceMetrics metrics = new ServiceMetrics(registry, stats, cache, clock);
      AtomicBoolean draining = new AtomicBoolean();
      Services services = new Services(config, clock, schema, graphiql, cache, dev,
        AuthEvents.both(metrics, observer), registry, draining);
      List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
      LOG.info("Starting clerk-vertx: {}", config.redacted().encode());
      return vertx.deployVerticle(keys)
        .compose(id -> vertx.deployVerticle(() -> {
          HttpVerticle v = new HttpVerticle(services);
          instances.add(v);
          return v;
        }, new DeploymentOptions().setInstances(config.httpInstances())))
        .map(id -> new Running(config, instances.get(0).actualPort(), stats, cache, dev, registry, draining,
          List.copyOf(instances)));
    });
  }

  /** Vert.x's own registry when metrics are on (HTTP server metrics included), else a private one. */
  private static PrometheusMeterRegistry registry(Vertx vertx) {
    MeterRegistry shared = vertx.isMetricsEnabled() ? BackendRegistries.getDefaultNow() : null;
    return shared instanceof PrometheusMeterRegistry p ? p : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }
}
