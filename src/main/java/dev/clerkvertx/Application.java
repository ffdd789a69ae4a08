package dev.clerkvertx;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.auth.SessionCache;
import dev.clerkvertx.config.ClerkInstance;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.config.Resources;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.dev.DevMode;
import dev.clerkvertx.graphql.GraphQLFactory;
import dev.clerkvertx.http.GraphiQLPage;
import dev.clerkvertx.http.HttpVerticle;
import dev.clerkvertx.http.Services;
import dev.clerkvertx.identity.IdentityDecoder;
import dev.clerkvertx.jwks.KeyChannel;
import dev.clerkvertx.jwks.KeyOwnerVerticle;
import dev.clerkvertx.jwks.KeySource;
import dev.clerkvertx.jwks.KeyStats;
import dev.clerkvertx.ops.LogSetup;
import dev.clerkvertx.ops.MetricsSetup;
import dev.clerkvertx.ops.Readiness;
import dev.clerkvertx.ops.ServiceMetrics;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wires the service: configuration, then the one key owner, then {@code HTTP_INSTANCES} HTTP
 * verticles. The tests start the service through here too, so they exercise the real wiring.
 */
public final class Application {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  private static final String ALL_INTERFACES = "0.0.0.0";

  /** A started service: what tests and the launcher need to know about it. */
  public record Running(ServiceConfig config, String issuer, int port, KeyStats keyStats, KeyChannel keys,
                        SessionCache sessions, Optional<DevMode> dev, PrometheusMeterRegistry metrics,
                        AtomicBoolean draining, List<HttpVerticle> servers) {

    /** {@link #drain(Duration, Duration)} without the delay: the listeners stop accepting at once. */
    public Future<Void> drain(Duration grace) {
      return drain(Duration.ZERO, grace);
    }

    /**
     * Graceful drain: readiness turns 503 at once; for {@code delay} the listeners keep serving (so
     * that a load balancer sees the 503 before connections are refused), each connection closing
     * after its next answer; then they stop accepting and in-flight requests get up to {@code grace}.
     */
    public Future<Void> drain(Duration delay, Duration grace) {
      draining.set(true);
      return Future.join(servers.stream().map(s -> s.drain(delay, grace)).toList()).mapEmpty();
    }
  }

  /** How the keys of a configured or dev-mode instance are reached. */
  private record Instance(String issuer, String host, KeySource source, Optional<Duration> keyMaxAge,
                          Optional<DevMode> dev) {
  }

  private Application() {
  }

  /**
   * Loads and validates the configuration and deploys everything. Must be called off the event loop:
   * it reads the jar's resources with plain blocking I/O, once.
   *
   * @param devModeAllowed true only under {@code ./mvnw compile exec:java}
   * @param observer       told of every authentication outcome besides the metrics (tests record them)
   */
  public static Future<Running> start(Vertx vertx, ConfigLoader loader, boolean devModeAllowed, Clock clock,
                                      AuthEvents observer) {
    GraphQLSchema schema = GraphQLFactory.schema(Resources.text("graphql/schema.graphqls"));
    String graphiql = Resources.text(GraphiQLPage.WEBROOT + "/index.html");
    KeyStats stats = new KeyStats();
    return loader.load(vertx)
      .map(json -> ServiceConfig.from(json, Runtime.getRuntime().maxMemory()))
      .onSuccess(config -> LogSetup.use(config.logFormat()))
      .compose(config -> instance(vertx, config, devModeAllowed, clock, stats)
        .compose(instance -> deploy(vertx, config, instance, clock, stats, schema, graphiql, observer)));
  }

  private static Future<Instance> instance(Vertx vertx, ServiceConfig config, boolean devModeAllowed, Clock clock,
                                           KeyStats stats) {
    if (config.clerk().isEmpty() && devModeAllowed) {
      return DevMode.start(vertx, config.http().port(), clock).map(dev ->
        new Instance(dev.issuer(), DevMode.HOST, dev.keySource(clock, stats), Optional.empty(), Optional.of(dev)));
    }
    ClerkInstance clerk = config.requireClerk();
    Optional<Duration> maxAge = clerk.keys() instanceof ClerkInstance.Jwks
      ? Optional.of(Readiness.maxKeyAge(config.keyTimings().refresh())) : Optional.empty();
    return Future.succeededFuture(new Instance(clerk.issuer(), ALL_INTERFACES,
      KeySource.of(clerk.keys(), config.keyTimings(), clock, stats), maxAge, Optional.empty()));
  }

  private static Future<Running> deploy(Vertx vertx, ServiceConfig config, Instance instance, Clock clock,
                                        KeyStats stats, GraphQLSchema schema, String graphiql, AuthEvents observer) {
    LOG.info("Starting clerk-vertx: {}", config.summary().encode());
    KeyChannel channel = KeyChannel.create(vertx);
    SessionCache sessions = SessionCache.create(config.tokenCacheSize(), Runtime.getRuntime().maxMemory(), clock);
    sessions.start(vertx, channel);
    PrometheusMeterRegistry registry = registry(vertx);
    ServiceMetrics metrics = new ServiceMetrics(registry, stats, sessions, clock);
    AtomicBoolean draining = new AtomicBoolean();
    Services services = new Services(config, instance.issuer(), instance.host(), clock, channel, instance.keyMaxAge(),
      sessions, new IdentityDecoder(), AuthEvents.both(metrics, observer), metrics, registry, draining, schema, graphiql, instance.dev());
    List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
    // the first key fetch runs while the HTTP verticles build their routers; they listen once it is done
    Future<String> keyOwner = vertx.deployVerticle(new KeyOwnerVerticle(instance.source(), channel));
    return vertx.deployVerticle(() -> {
        HttpVerticle v = new HttpVerticle(services, keyOwner);
        instances.add(v);
        return v;
      }, new DeploymentOptions().setInstances(config.http().instances()))
      .map(id -> new Running(config, instance.issuer(), instances.get(0).actualPort(), stats, channel, sessions,
        instance.dev(), registry, draining, List.copyOf(instances)));
  }

  /** Vert.x's own registry when metrics are on (HTTP server metrics included), else a private one. */
  private static PrometheusMeterRegistry registry(Vertx vertx) {
    MeterRegistry shared = vertx.isMetricsEnabled() ? BackendRegistries.getDefaultNow() : null;
    return shared instanceof PrometheusMeterRegistry p ? p : MetricsSetup.registry();
  }
}
