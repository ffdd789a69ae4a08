package dev.clerkvertx;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.ops.MetricsSetup;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Process entry point. {@code --allow-dev-mode} is passed only by {@code ./mvnw compile exec:java};
 * the packaged jar, started without it, exits 1 when no Clerk instance is configured. SIGTERM and
 * SIGINT drain the service gracefully and exit 0.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    boolean devModeAllowed = List.of(args).contains("--allow-dev-mode");
    Vertx vertx = MetricsSetup.vertx(MetricsSetup.registry(), new VertxOptions());
    Application.Running running;
    try {
      running = Application.start(vertx, ConfigLoader.standard(), devModeAllowed, Clock.systemUTC(), AuthEvents.NONE)
        .toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException) {
        System.err.println("clerk-vertx: configuration error: " + cause.getMessage());
      } else {
        LOG.error("clerk-vertx failed to start", cause);
      }
      closeQuietly(vertx);
      System.exit(1);
      return;
    }
    LOG.info("clerk-vertx listening on port {} for issuer {}", running.port(), running.issuer());
    if (running.dev().isEmpty()) {
      warnUnlessExitOnOutOfMemory();
    }
    running.dev().ifPresent(dev -> dev.announce(running.port()));
    handleSignals(vertx, running);
  }

  /**
   * SIGTERM or SIGINT: drain, then exit 0; exit 1 if the drain broke with an error (after an
   * OutOfMemoryError, say): a signal always ends the process. Runs on the JVM's signal thread.
   */
  private static void handleSignals(Vertx vertx, Application.Running running) {
    AtomicBoolean stopping = new AtomicBoolean();
    var grace = running.config().http().shutdownGrace();
    var delay = running.config().http().shutdownDelay();
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), signal -> {
        if (!stopping.compareAndSet(false, true)) {
          return;
        }
        int status = 0;
        try {
          LOG.info("SIG{}: draining: /ready answers 503, serving {} s more, then up to {} s for requests in flight",
            name, delay.toSeconds(), grace.toSeconds());
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
          System.exit(status);
        }
      });
    }
  }

  /** After an OutOfMemoryError a JVM limps on, half broken; a restart is better (the README's flags). */
  private static void warnUnlessExitOnOutOfMemory() {
    if (!ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+ExitOnOutOfMemoryError")) {
      LOG.warn("-XX:+ExitOnOutOfMemoryError is not set: after an OutOfMemoryError this process would keep running "
        + "broken instead of exiting for a restart");
    }
  }

  private static void closeQuietly(Vertx vertx) {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
      .exceptionally(x -> null).join();
  }
}
