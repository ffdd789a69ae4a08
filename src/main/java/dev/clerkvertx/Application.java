package dev.clerkvertx;

import dev.clerkvertx.api.Api;
import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.auth.Authentication;
import dev.clerkvertx.auth.CookieOriginPolicy;
import dev.clerkvertx.auth.SessionCookies;
import dev.clerkvertx.auth.ForeignIssuerLog;
import dev.clerkvertx.auth.SessionCache;
import dev.clerkvertx.config.ClerkInstance;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.config.HttpSettings;
import dev.clerkvertx.config.Resources;
import dev.clerkvertx.config.Setting;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.demo.DemoFields;
import dev.clerkvertx.demo.DemoRoutes;
import dev.clerkvertx.dev.DevMode;
import dev.clerkvertx.graphql.GraphQLFactory;
import dev.clerkvertx.graphql.SchemaPart;
import dev.clerkvertx.http.GraphQLRoutes;
import dev.clerkvertx.http.GraphiQLPage;
import dev.clerkvertx.http.HttpVerticle;
import dev.clerkvertx.http.OpsRoutes;
import dev.clerkvertx.http.PortCheck;
import dev.clerkvertx.http.RouteContributor;
import dev.clerkvertx.http.Routing;
import io.vertx.ext.web.Router;
import dev.clerkvertx.http.ConnectionTable;
import dev.clerkvertx.http.ListenerBounds;
import dev.clerkvertx.http.Routes;
import dev.clerkvertx.identity.IdentityDecoder;
import dev.clerkvertx.jwks.KeyChannel;
import dev.clerkvertx.jwks.KeyOwnerVerticle;
import dev.clerkvertx.jwks.KeySource;
import dev.clerkvertx.jwks.KeyStats;
import dev.clerkvertx.ops.BodyStats;
import dev.clerkvertx.ops.FailureLog;
import dev.clerkvertx.ops.JvmMeters;
import dev.clerkvertx.ops.ManagementServer;
import dev.clerkvertx.ops.MemoryBudget;
import dev.clerkvertx.ops.MetricsSetup;
import dev.clerkvertx.ops.OverloadManager;
import dev.clerkvertx.ops.OverloadMetrics;
import dev.clerkvertx.ops.Readiness;
import dev.clerkvertx.ops.ScrapeCache;
import dev.clerkvertx.ops.ServiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import graphql.schema.GraphQLSchema;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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

  /**
   * A started service: what tests and the launcher need to know about it.
   *
   * @param managementPort where {@code /metrics} is served
   */
  public record Running(ServiceConfig config, String issuer, int port, KeyStats keyStats, KeyChannel keys,
                        SessionCache sessions, Optional<DevMode> dev, PrometheusMeterRegistry metrics,
                        AtomicBoolean draining, List<HttpVerticle> servers, HttpSettings http, int managementPort) {

    /** {@link #drain(Duration, Duration)} without the delay: the listeners stop accepting at once. */
    public Future<Void> drain(Duration grace) {
      return drain(Duration.ZERO, grace);
    }

    /**
     * Graceful drain: readiness turns 503 at once; for {@code delay} the public listeners keep serving
     * (so that a load balancer sees the 503 before connections are refused), each answer closing its
     * connection and idle connections closed; then they stop accepting and in-flight requests get up to
     * {@code grace} to finish. The management listener stays until the process ends.
     */
    public Future<Void> drain(Duration delay, Duration grace) {
      draining.set(true);
      return Future.join(servers.stream().map(s -> s.drain(delay, grace)).toList()).mapEmpty();
    }
  }

  /**
   * What the HTTP verticles serve besides the machinery: the API, the schema, GraphiQL's page. None of
   * it depends on the configuration, so the launcher builds it ({@link ColdStart#prepare}) while Vert.x starts
   * and the configuration is read: the GraphQL schema alone is a few hundred milliseconds of a cold start.
   */
  public record Served(Api api, GraphQLSchema schema, String graphiqlTemplate) {
    /** Builds the schema of the demo's and {@code api}'s parts; a field without a fetcher, say, throws. */
    static Served of(Api api) {
      String graphiql = Resources.text(GraphiQLPage.WEBROOT + "/index.html");
      List<SchemaPart> parts = new ArrayList<>(List.of(DemoFields.part()));
      parts.addAll(api.schema());
      return new Served(api, GraphQLFactory.schema(parts), graphiql);
    }
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
    return api(clock).compose(api -> start(vertx, loader, devModeAllowed, clock, observer, api));
  }

  /** The same, serving {@code api}; fails when its GraphQL schema does (a field without a fetcher, say). */
  public static Future<Running> start(Vertx vertx, ConfigLoader loader, boolean devModeAllowed, Clock clock,
                                      AuthEvents observer, Api api) {
    ServiceConfig config;
    try {
      config = ServiceConfig.from(loader.load(), Runtime.getRuntime().maxMemory());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return start(vertx, config, devModeAllowed, clock, observer, api);
  }

  /** The same for a validated configuration, serving the application's API package. */
  public static Future<Running> start(Vertx vertx, ServiceConfig config, boolean devModeAllowed, Clock clock,
                                      AuthEvents observer) {
    return api(clock).compose(api -> start(vertx, config, devModeAllowed, clock, observer, api));
  }

  /** The application's API; a missing schema resource, say, is a failed start, never an exception out of here. */
  private static Future<Api> api(Clock clock) {
    try {
      return Future.succeededFuture(Api.create(clock));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Deploys everything for a validated configuration. Whatever cannot work (no Clerk instance outside
   * dev mode, a port already taken, a GraphQL field without a fetcher) fails at once, before anything
   * slow such as the first JWKS fetch.
   */
  public static Future<Running> start(Vertx vertx, ServiceConfig config, boolean devModeAllowed, Clock clock,
                                      AuthEvents observer, Api api) {
    try {
      return start(vertx, config, devModeAllowed, clock, observer, ColdStart.Prepared.of(api), ColdStart.installRsa(config));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * The same, serving what {@link ColdStart#prepare} builds, once {@link ColdStart#installRsa} has put the
   * configured RS256 provider in place; both are awaited before anything is deployed.
   */
  public static Future<Running> start(Vertx vertx, ServiceConfig config, boolean devModeAllowed, Clock clock,
                                      AuthEvents observer, ColdStart.Prepared prepared,
                                      CompletionStage<String> rsaInstalled) {
    KeyStats stats = new KeyStats();
    boolean dev = config.clerk().isEmpty() && devModeAllowed;
    Future<String> rsa = Future.fromCompletionStage(rsaInstalled, vertx.getOrCreateContext());
    Future<Served> served = Future.fromCompletionStage(prepared.served(), vertx.getOrCreateContext());
    Future<Api> api = Future.fromCompletionStage(prepared.api(), vertx.getOrCreateContext());
    return vertx.executeBlocking(() -> {
      if (!dev) {
        config.requireClerk();
      }
      String host = dev ? DevMode.HOST : ALL_INTERFACES;
      PortCheck.requireFree(Setting.PORT.name(), host, config.http().port());
      PortCheck.requireFree(Setting.MANAGEMENT_PORT.name(), host, config.http().managementPort());
      if (!dev && config.tokenRules().authorizedParties().isEmpty()) {
        LOG.warn("CLERK_AUTHORIZED_PARTIES is not set: tokens are accepted whichever site (azp) obtained them. "
          + "Set it to the origins of your frontends, e.g. CLERK_AUTHORIZED_PARTIES=https://app.example.com,"
          + "http://localhost:3000, so that a session token obtained elsewhere is refused");
      }
      return null;
    }, false).compose(v -> instance(vertx, config, dev, clock, stats))
      // once the API exists (fast; a class missing, say, fails here, before anything is logged)
      .compose(instance -> api.map(instance))
      .compose(instance -> {
        LOG.info("Starting clerk-vertx: {}", config.summary().encode());
        // the first key fetch, and what serves the routes, while the schema and the RS256 provider may
        // still be built (a cold start's last wait); nothing listens yet. The keys are held as JWK text:
        // each HTTP verticle builds its verifying keys, once the provider is in place.
        KeyChannel channel = KeyChannel.create(vertx);
        Future<String> keyOwner = vertx.deployVerticle(new KeyOwnerVerticle(instance.source(), channel));
        Machinery machinery = machinery(vertx, config, instance, clock, stats, observer, channel);
        return Future.all(served, rsa)
          .compose(both -> deploy(vertx, config, instance, clock, stats, served.result(), rsa.result(), machinery,
            keyOwner))
          .onFailure(failed -> keyOwner.onSuccess(vertx::undeploy));
      });
  }

  /** What serves every route, built from the configuration alone. */
  private record Machinery(KeyChannel channel, SessionCache sessions, ConnectionTable connections,
                           OverloadManager overload, PrometheusMeterRegistry registry, ServiceMetrics metrics,
                           HttpSettings http, FailureLog failures, Authentication authentication,
                           AtomicBoolean draining, OpsRoutes ops, ListenerBounds bounds) {
  }

  private static Machinery machinery(Vertx vertx, ServiceConfig config, Instance instance, Clock clock, KeyStats stats,
                                     AuthEvents observer, KeyChannel channel) {
    // dev mode runs in Maven's JVM: size the caches, and check the memory budget, as the packaged jar
    // started with the recommended flags would
    long heap = Runtime.getRuntime().maxMemory();
    long cacheHeap = instance.dev().isPresent() ? Math.min(heap, DevMode.JAR_HEAP_BYTES) : heap;
    SessionCache sessions = SessionCache.create(config.tokenCacheSize(), cacheHeap, clock);
    ConnectionTable connections = new ConnectionTable(config.overload().maxConnections()
      .orElseGet(() -> ConnectionTable.defaultMax(cacheHeap, ConnectionTable.descriptorLimit())));
    OverloadManager overload = new OverloadManager(config.overload(), connections);
    sessions.admitWhile(overload.cacheAdmission());
    IdentityDecoder identities = new IdentityDecoder(sessions.sharedValues());
    PrometheusMeterRegistry registry = registry(vertx);
    ServiceMetrics metrics = new ServiceMetrics(registry, stats, sessions, clock);
    OverloadMetrics.register(registry, overload, connections);
    HttpSettings http = instance.dev().isPresent() ? config.http().inDevMode() : config.http();
    FailureLog failures = FailureLog.of(vertx, clock, registry);
    Authentication authentication = new Authentication(instance.issuer(), config.tokenRules(),
      config.keyTimings().timeout(), clock, channel, identities, sessions, AuthEvents.both(metrics, observer),
      new ForeignIssuerLog(clock, instance.issuer()), cookies(config, clock),
      new CookieOriginPolicy(http.corsAllowedOrigins(), config.tokenRules().authorizedParties()));
    AtomicBoolean draining = new AtomicBoolean();
    OpsRoutes ops = new OpsRoutes(clock, instance.keyMaxAge(), draining, overload::shedding);
    BodyStats bodyStats = new BodyStats(registry);
    int largestBody = Math.max(config.graphql().maxBodyBytes(), http.maxBodyBytes());
    ListenerBounds bounds = new ListenerBounds(connections, config.overload().firstByteTimeout(), overload, largestBody,
      bodyStats, failures);
    return new Machinery(channel, sessions, connections, overload, registry, metrics, http, failures,
      authentication, draining, ops, bounds);
  }

  private static Future<Instance> instance(Vertx vertx, ServiceConfig config, boolean dev, Clock clock,
                                           KeyStats stats) {
    if (dev) {
      return DevMode.start(vertx, config.http().port(), clock).map(mode ->
        new Instance(mode.issuer(), DevMode.HOST, mode.keySource(clock, stats), Optional.empty(), Optional.of(mode)));
    }
    ClerkInstance clerk = config.requireClerk();
    Optional<Duration> maxAge = clerk.keys() instanceof ClerkInstance.Jwks
      ? Optional.of(Readiness.maxKeyAge(config.keyTimings().refresh())) : Optional.empty();
    return Future.succeededFuture(new Instance(clerk.issuer(), ALL_INTERFACES,
      KeySource.of(clerk.keys(), config.keyTimings(), clock, stats), maxAge, Optional.empty()));
  }

  private static Future<Running> deploy(Vertx vertx, ServiceConfig config, Instance instance, Clock clock,
                                        KeyStats stats, Served served, String rsaProvider, Machinery m,
                                        Future<String> keyOwner) {
    LOG.info("RS256 signatures verified by {}", rsaProvider);
    MemoryBudget budget = budget(config, m.sessions(), m.connections(), served.api().maxHeldBytes());
    if (instance.dev().isPresent()) {
      m.overload().check(budget, DevMode.JAR_OLD_GENERATION_BYTES, DevMode.JAR_OLD_GENERATION);
    } else {
      m.overload().check(budget, Runtime.getRuntime().maxMemory());
    }
    m.sessions().start(vertx, m.channel());
    List<RouteContributor> routes = routes(instance, served, config.graphiqlEnabled(), m.ops(),
      new GraphQLRoutes(served.schema(), config.graphql(), m.metrics(), m.failures()));
    LOG.info("API: {} route contributors, {} GraphQL parts; its in-memory stores hold at most {} KiB",
      served.api().routes().size(), served.api().schema().size(), served.api().maxHeldBytes() / 1024);
    List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
    // the HTTP listeners open once the first key fetch is over (begun before the schema was ready)
    return vertx.deployVerticle(m.overload()).compose(id -> {
      Future<String> listeners = vertx.deployVerticle(() -> {
        HttpVerticle v = new HttpVerticle(m.http(), instance.host(), clock, m.authentication(), routes, m.bounds(),
          keyOwner);
        instances.add(v);
        return v;
      }, new DeploymentOptions().setInstances(config.http().instances()));
      Future<HttpServer> management = ManagementServer.start(vertx, new ScrapeCache(m.registry(), clock),
        config.http().managementPort(), instance.host());
      return Future.all(keyOwner, listeners, management).map(all -> management.result());
    }).compose(management -> vertx.deployVerticle(new JvmMeters(m.registry())).map(management))
      .map(management -> new Running(config, instance.issuer(), instances.get(0).actualPort(), stats, m.channel(),
        m.sessions(), instance.dev(), m.registry(), m.draining(), List.copyOf(instances), m.http(),
        management.actualPort()));
  }

  /**
   * Every route of the service, in the order they are matched: the demo and GraphQL first (what the
   * benchmark measures), the operations endpoints, the application's API, GraphiQL, dev mode. An earlier
   * route costs a later one a path comparison.
   */
  private static List<RouteContributor> routes(Instance instance, Served served, boolean graphiqlEnabled,
                                               OpsRoutes ops, GraphQLRoutes graphql) {
    List<RouteContributor> routes = new ArrayList<>();
    routes.add(new DemoRoutes());
    routes.add(graphql);
    routes.add(ops);
    routes.addAll(served.api().routes());
    if (graphiqlEnabled) {
      GraphiQLPage graphiql = new GraphiQLPage(served.graphiqlTemplate(),
        ctx -> instance.dev().map(d -> d.graphiqlHeaders(ctx)).orElse(Map.of()));
      routes.add(routing -> graphiql.mount(routing.router()));
    }
    instance.dev().ifPresent(dev -> routes.add(new RouteContributor() {
      @Override
      public void mount(Routing routing) {
      }

      @Override
      public void mountBeforeCors(Router router) {
        dev.mount(router);
      }
    }));
    return routes;
  }

  /** Clerk's session cookies, read under their suffixed names first when the publishable key is known. */
  private static SessionCookies cookies(ServiceConfig config, Clock clock) {
    return config.clerk().flatMap(ClerkInstance::publishableKey)
      .map(pk -> SessionCookies.forPublishableKey(pk, clock)).orElseGet(SessionCookies::plain);
  }

  /**
   * Every bounded pool of the heap with the most it holds; each capability adds its line here (the shared
   * identity values are counted in the session cache's bytes).
   */
  private static MemoryBudget budget(ServiceConfig config, SessionCache sessions, ConnectionTable connections,
                                     long apiStoreBytes) {
    long loops = config.http().instances();
    long largestBody = Math.max(config.graphql().maxBodyBytes(), config.http().maxBodyBytes());
    return new MemoryBudget()
      // and the sockets accepted beyond them on their way into an event loop, or closing (AcceptGate)
      .add("connections (" + connections.max() + ", " + (connections.maxSockets() - connections.max())
          + " more accepted or closing)", "HTTP_MAX_CONNECTIONS",
        (long) connections.maxSockets() * ConnectionTable.BYTES_PER_CONNECTION)
      .add("bodies in flight", "GRAPHQL_MAX_BODY_BYTES / API_MAX_BODY_BYTES",
        loops * Routes.BODIES_PER_EVENT_LOOP * largestBody)
      .add("session cache, shared identity values included", "TOKEN_CACHE_SIZE", sessions.maxBytes())
      .add("parsed documents", "GRAPHQL_DOCUMENT_CACHE_BYTES", loops * config.graphql().documentCacheBytes())
      .add("GraphQL answers in flight", "GRAPHQL_ANSWER_BUDGET_BYTES", loops * config.graphql().answerBudgetBytes())
      .add("example API store", "dev.clerkvertx.api", apiStoreBytes);
  }

  /** Vert.x's own registry when metrics are on (HTTP server metrics included), else a private one. */
  private static PrometheusMeterRegistry registry(Vertx vertx) {
    MeterRegistry shared = vertx.isMetricsEnabled() ? BackendRegistries.getDefaultNow() : null;
    return shared instanceof PrometheusMeterRegistry p ? p : MetricsSetup.registry();
  }
}
