package dev.clerkvertx;

import dev.clerkvertx.auth.TokenRejection;
import dev.clerkvertx.auth.VerifiedTokenCache;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.dev.DevIssuer;
import dev.clerkvertx.http.GraphiQLPage;
import dev.clerkvertx.http.HttpVerticle;
import dev.clerkvertx.http.Services;
import dev.clerkvertx.jwks.FetchStats;
import dev.clerkvertx.jwks.KeyManagerVerticle;
import dev.clerkvertx.jwks.PemKey;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Wires the service: configuration, then the one key owner, then {@code HTTP_INSTANCES} HTTP
 * verticles. The tests start the service through here too, so they exercise the real wiring.
 */
public final class Application {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  /** A started service: what tests and the launcher need to know about it. */
  public record Running(ServiceConfig config, int port, FetchStats fetchStats, VerifiedTokenCache tokenCache,
                        DevIssuer devIssuer) {
  }

  private Application() {
  }

  /**
   * Loads and validates the configuration and deploys everything. Must be called off the event loop:
   * it reads the jar's resources with plain blocking I/O, once.
   */
  public static Future<Running> start(Vertx vertx, ConfigLoader loader, boolean devModeAllowed, Clock clock,
                                      Consumer<TokenRejection> rejections) {
    String schema = resource("graphql/schema.graphqls");
    String graphiql = resource(GraphiQLPage.WEBROOT + "/index.html");
    return loader.load(vertx)
      .map(json -> ServiceConfig.from(json, devModeAllowed))
      .compose(config -> deploy(vertx, config, clock, schema, graphiql, rejections));
  }

  private static Future<Running> deploy(Vertx vertx, ServiceConfig loaded, Clock clock, String schema,
                                        String graphiql, Consumer<TokenRejection> rejections) {
    Future<DevIssuer> devIssuer = loaded.mode() == ServiceConfig.Mode.DEV
      ? vertx.executeBlocking(() -> DevIssuer.generate("http://localhost:" + loaded.port(), clock))
      : Future.succeededFuture(null);
    return devIssuer.compose(dev -> {
      ServiceConfig config = dev == null ? loaded : loaded.withIssuer(dev.issuer());
      FetchStats stats = new FetchStats();
      KeyManagerVerticle keys = switch (config.mode()) {
        case JWKS -> KeyManagerVerticle.remote(config.jwksUrl(), config.jwksTimeout(), config.jwksRefresh(),
          config.jwksCooldown(), clock, stats);
        case PEM -> KeyManagerVerticle.fixed(List.of(PemKey.toJwk(config.jwtKeyPem())), true, clock);
        case DEV -> KeyManagerVerticle.fixed(List.of(dev.publicJwk()), false, clock);
      };
      VerifiedTokenCache cache = VerifiedTokenCache.create(config.tokenCacheSize(), clock);
      Services services = new Services(config, clock, schema, graphiql, cache, dev, rejections);
      List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
      LOG.info("Starting clerk-vertx: {}", config.redacted().encode());
      return vertx.deployVerticle(keys)
        .compose(id -> vertx.deployVerticle(() -> {
          HttpVerticle v = new HttpVerticle(services);
          instances.add(v);
          return v;
        }, new DeploymentOptions().setInstances(config.httpInstances())))
        .map(id -> new Running(config, instances.get(0).actualPort(), stats, cache, dev));
    });
  }

  private static String resource(String path) {
    try (InputStream in = Application.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
