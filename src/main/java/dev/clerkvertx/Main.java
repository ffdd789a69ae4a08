package dev.clerkvertx;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.ops.LogSetup;
import dev.clerkvertx.ops.MetricsSetup;
import dev.clerkvertx.ops.RootLogLevel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Process entry point. {@code --allow-dev-mode} is passed only by {@code ./mvnw compile exec:java};
 * the packaged jar, started without it, exits 1 when no Clerk instance is configured. A start-up
 * failure is one line naming its cause, and exit status 1. SIGTERM and SIGINT drain the service
 * gracefully and exit 0.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** How long a signal that comes during start-up waits for the start before the process ends anyway. */
  private static final Duration START_WAIT = Duration.ofSeconds(120);

  private Main() {
  }

  public static void main(String[] args) {
    boolean devModeAllowed = List.of(args).contains("--allow-dev-mode");
    Clock clock = Clock.systemUTC();
    // logging is set up (this class's logger); then first of all the API and its GraphQL schema, built
    // while the rest starts
    var prepared = ColdStart.prepare(clock);
    Vertx vertx = null;
    Application.Running running;
    CompletableFuture<Application.Running> started = new CompletableFuture<>();
    try {
      ConfigLoader loader = ConfigLoader.standard();
      ServiceConfig config;
      try {
        config = ServiceConfig.from(loader.read(), Runtime.getRuntime().maxMemory());
      } catch (ConfigException e) {
        // a misspelt variable may be why the configuration is refused: said before the refusal
        loader.warnAboutStrayEnvironment();
        throw e;
      }
      // the RS256 provider loads while Vert.x is created
      var rsa = ColdStart.installRsa(config);
      RootLogLevel.set(config.logLevel());
      LogSetup.use(config.logFormat());
      // only now: LOG_FORMAT and LOG_LEVEL may come from .env or conf/config.json, which Logback did not see
      loader.warnAboutStrayEnvironment();
      vertx = MetricsSetup.vertx(MetricsSetup.registry(), new VertxOptions());
      // in place before any listener opens: a SIGTERM as soon as /ready answers 200 drains too
      drainOnShutdown(vertx, started);
      running = join(Application.start(vertx, config, devModeAllowed, clock, AuthEvents.NONE, prepared, rsa));
      started.complete(running);
    } catch (RuntimeException | Error e) {
      // an Error too (a class missing from the classpath, say): uncaught, it would end only this thread,
      // and the event loops already started would keep the process up, serving nothing
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      System.err.println("clerk-vertx: " + describe(cause));
      LOG.debug("start-up failure", cause);
      if (vertx != null) {
        closeQuietly(vertx);
      }
      // a shutdown hook waiting for the start (a signal came meanwhile) ends the process with status 1
      started.completeExceptionally(cause);
      System.exit(1);
      return;
    }
    LOG.info("clerk-vertx listening on port {} for issuer {}; /metrics on management port {}", running.port(),
      running.issuer(), running.managementPort());
    if (running.dev().isEmpty()) {
      warnUnlessExitOnOutOfMemory();
    }
    running.dev().ifPresent(dev -> dev.announce(running.port(), running.http().corsAllowedOrigins()));
  }

  /** One line: what stopped start-up and, where there is one, the setting to change. */
  static String describe(Throwable failure) {
    if (failure instanceof ConfigException) {
      return "configuration error: " + failure.getMessage();
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return "cannot listen (" + t.getMessage() + "): another process may hold the port; set PORT or MANAGEMENT_PORT "
          + "to a free one";
      }
    }
    String message = String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
    return "failed to start: " + failure.getClass().getSimpleName() + ": " + message + " (LOG_LEVEL=DEBUG shows more)";
  }

  /**
   * SIGTERM or SIGINT (the JVM runs its shutdown hooks for both): drain, then exit 0; exit 1 if the
   * drain broke with an error (after an OutOfMemoryError, say): a signal always ends the process.
   * Registered before the listeners open: a signal that comes while the service starts waits for
   * {@code started} (a bounded start: port checks, one key fetch), then drains; when the start failed
   * (main has said why and closed Vert.x) the status is 1.
   */
  private static void drainOnShutdown(Vertx vertx, CompletableFuture<Application.Running> started) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int status = 0;
      try {
        Application.Running running;
        try {
          running = started.get(START_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          status = 1;
          return;
        }
        Duration grace = running.config().http().shutdownGrace();
        Duration delay = running.config().http().shutdownDelay();
        LOG.info("Stopping (SIGTERM or SIGINT): /ready answers 503, serving {} s more, then up to {} s for requests "
          + "in flight, then exiting", delay.toSeconds(), grace.toSeconds());
        try {
          running.drain(delay, grace).toCompletionStage().toCompletableFuture()
            .orTimeout(delay.toSeconds() + grace.toSeconds() + 5, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
          LOG.warn("drain did not complete cleanly: {}", e.getMessage());
        }
        closeQuietly(vertx);
        LOG.info("clerk-vertx stopped");
      } catch (Throwable e) {
        // whatever broke (even an Error after an OutOfMemoryError), the process must still end
        status = 1;
        System.err.println("clerk-vertx: drain failed (" + e + "); exiting");
      } finally {
        // a shutdown hook cannot System.exit; halt gives the status (the JVM would answer a signal with 143)
        Runtime.getRuntime().halt(status);
      }
    }, "clerk-vertx-drain"));
  }

  /** After an OutOfMemoryError a JVM limps on, half broken; a restart is better (the README's flags). */
  private static void warnUnlessExitOnOutOfMemory() {
    if (!ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+ExitOnOutOfMemoryError")) {
      LOG.warn("-XX:+ExitOnOutOfMemoryError is not set: after an OutOfMemoryError this process would keep running "
        + "broken instead of exiting for a restart");
    }
  }

  private static <T> T join(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }

  private static void closeQuietly(Vertx vertx) {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
      .exceptionally(x -> null).join();
  }
}
