package dev.clerkvertx;

import dev.clerkvertx.api.Api;
import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.auth.Authentication;
import dev.clerkvertx.auth.SessionCache;
import dev.clerkvertx.config.ClerkInstance;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.config.HttpSettings;
import dev.clerkvertx.config.Resources;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.demo.DemoFields;
import dev.clerkvertx.demo.DemoRoutes;
import dev.clerkvertx.dev.DevMode;
import dev.clerkvertx.graphql.GraphQLFactory;
import dev.clerkvertx.graphql.SchemaPart;
import dev.clerkvertx.http.GraphQLEndpoint;
import dev.clerkvertx.http.GraphiQLPage;
import dev.clerkvertx.http.HttpVerticle;
import dev.clerkvertx.http.OpsRoutes;
import dev.clerkvertx.http.RouteContributor;
import dev.clerkvertx.identity.IdentityDecoder;
import dev.clerkvertx.jwks.KeyChannel;
import dev.clerkvertx.jwks.KeyOwnerVerticle;
import dev.clerkvertx.jwks.KeySource;
import dev.clerkvertx.jwks.KeyStats;
import dev.clerkvertx.ops.MetricsSetup;
import dev.clerkvertx.ops.Readiness;
import dev.clerkvertx.ops.ServiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import graphql.schema.GraphQLSchema;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wires the service: configuration, then the one key owner, then {@code HTTP_INSTANCES} HTTP
 * verticles serving every contributor's routes (the demo, GraphQL, operations, the application's
 * {@link Api}, GraphiQL, dev mode). The tests start the service through here too, so they exercise
 * the real wiring.
 */
public final class Application {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  private static final String ALL_INTERFACES = "0.0.0.0";

  /** A started service: what tests and the launcher need to know about it. */
  public record Running(ServiceConfig config, String issuer, int port, KeyStats keyStats, KeyChannel keys,
                        SessionCache sessions, Optional<DevMode> dev, PrometheusMeterRegistry metrics,
                        AtomicBoolean draining, List<HttpVerticle> servers, HttpSettings http) {

    /**
     * Graceful drain: readiness turns 503 at once, listeners stop accepting connections, in-flight
     * requests get up to {@code grace} to finish.
     */
    public Future<Void> drain(Duration grace) {
      draining.set(true);
      return Future.join(servers.stream().map(s -> s.drain(grace)).toList()).mapEmpty();
    }
  }

  /** What the HTTP verticles serve besides the machinery: the API, the schema, GraphiQL's page. */
  private record Served(Api api, GraphQLSchema schema, String graphiqlTemplate) {
  }

  /** How the keys of a configured or dev-mode instance are reached. */
  private record Instance(String issuer, String host, KeySource source, Optional<Duration> keyMaxAge,
                          Optional<DevMode> dev) {
  }

  private Application() {
  }

  /**
   * Loads and validates the configuration and deploys everything, with the application's API
   * ({@link Api#create}). Must be called off the event loop: it reads the jar's resources with plain
   * blocking I/O, once.
   *
   * @param devModeAllowed true only under {@code ./mvnw compile exec:java}
   * @param observer       told of every authentication outcome besides the metrics (tests record them)
   */
  public static Future<Running> start(Vertx vertx, ConfigLoader loader, boolean devModeAllowed, Clock clock,
                                      AuthEvents observer) {
    Api api;
    try {
      api = Api.create(clock);
    } catch (RuntimeException e) {
      // a missing schema resource, say: a failed start, never an exception out of here
      return Future.failedFuture(e);
    }
    return start(vertx, loader, devModeAllowed, clock, observer, api);
  }

  /** The same, serving {@code api}; fails when its GraphQL schema does (a field without a fetcher, say). */
  public static Future<Running> start(Vertx vertx, ConfigLoader loader, boolean devModeAllowed, Clock clock,
                                      AuthEvents observer, Api api) {
    String graphiql;
    GraphQLSchema schema;
    try {
      graphiql = Resources.text(GraphiQLPage.WEBROOT + "/index.html");
      List<SchemaPart> parts = new ArrayList<>(List.of(DemoFields.part()));
      parts.addAll(api.schema());
      schema = GraphQLFactory.schema(parts);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    KeyStats stats = new KeyStats();
    return loader.load(vertx)
      .map(json -> ServiceConfig.from(json, Runtime.getRuntime().maxMemory()))
      .compose(config -> instance(vertx, config, devModeAllowed, clock, stats)
        .compose(instance -> deploy(vertx, config, instance, clock, stats, new Served(api, schema, graphiql), observer)));
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
                                        KeyStats stats, Served served, AuthEvents observer) {
    LOG.info("Starting clerk-vertx: {}", config.summary().encode());
    KeyChannel channel = KeyChannel.create(vertx);
    SessionCache sessions = SessionCache.create(config.tokenCacheSize(), Runtime.getRuntime().maxMemory(), clock);
    sessions.start(vertx, channel);
    PrometheusMeterRegistry registry = registry(vertx);
    ServiceMetrics metrics = new ServiceMetrics(registry, stats, sessions, clock);
    AtomicBoolean draining = new AtomicBoolean();
    Authentication authentication = new Authentication(instance.issuer(), config.tokenRules(),
      config.keyTimings().timeout(), clock, channel, new IdentityDecoder(), sessions, AuthEvents.both(metrics, observer));
    HttpSettings http = instance.dev().isPresent() ? config.http().inDevMode() : config.http();
    List<RouteContributor> routes = routes(instance, served,
      new OpsRoutes(clock, instance.keyMaxAge(), draining, registry), new GraphQLEndpoint(served.schema(), config.graphql(), metrics));
    LOG.info("API: {} route contributors, {} GraphQL parts; its in-memory stores hold at most {} KiB",
      served.api().routes().size(), served.api().schema().size(), served.api().maxHeldBytes() / 1024);
    List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(new KeyOwnerVerticle(instance.source(), channel))
      .compose(id -> vertx.deployVerticle(() -> {
        HttpVerticle v = new HttpVerticle(http, instance.host(), clock, authentication, routes);
        instances.add(v);
        return v;
      }, new DeploymentOptions().setInstances(config.http().instances())))
      .map(id -> new Running(config, instance.issuer(), instances.get(0).actualPort(), stats, channel, sessions,
        instance.dev(), registry, draining, List.copyOf(instances), http));
  }

  /**
   * Every route of the service, in the order they are matched: the demo and GraphQL first (what the
   * benchmark measures), the operations endpoints, the application's API, GraphiQL, dev mode. An earlier
   * route costs a later one a path comparison.
   */
  private static List<RouteContributor> routes(Instance instance, Served served,
                                               OpsRoutes ops, GraphQLEndpoint graphql) {
    List<RouteContributor> routes = new ArrayList<>();
    routes.add(new DemoRoutes());
    routes.add(graphql);
    routes.add(ops);
    routes.addAll(served.api().routes());
    GraphiQLPage graphiql = new GraphiQLPage(served.graphiqlTemplate(),
      ctx -> instance.dev().map(d -> d.graphiqlHeaders(ctx)).orElse(Map.of()));
    routes.add(routing -> graphiql.mount(routing.router()));
    instance.dev().ifPresent(dev -> routes.add(routing -> dev.mount(routing.router())));
    return routes;
  }

  /** Vert.x's own registry when metrics are on (HTTP server metrics included), else a private one. */
  private static PrometheusMeterRegistry registry(Vertx vertx) {
    MeterRegistry shared = vertx.isMetricsEnabled() ? BackendRegistries.getDefaultNow() : null;
    return shared instanceof PrometheusMeterRegistry p ? p : MetricsSetup.registry();
  }
}
