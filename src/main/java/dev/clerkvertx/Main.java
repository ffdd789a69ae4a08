package dev.clerkvertx;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.dev.DevBanner;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
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
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .addLabels(Label.HTTP_ROUTE)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
      .build();
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
    LOG.info("clerk-vertx listening on port {} ({} mode)", running.port(), running.config().mode().name().toLowerCase(Locale.ROOT));
    if (running.config().mode() == ServiceConfig.Mode.DEV) {
      LOG.warn("DEV MODE - NOT FOR PRODUCTION: tokens are signed by a key generated at start; "
        + "set CLERK_ISSUER_URL or CLERK_PUBLISHABLE_KEY to verify Clerk's tokens");
      DevBanner.print(running);
    }
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), signal -> {
        if (!stopping.compareAndSet(false, true)) {
          return;
        }
        LOG.info("SIG{}: draining (up to {} s), then exiting", name, running.config().shutdownGrace().toSeconds());
        // runs on the JVM's signal thread, never on an event loop: waiting here is fine
        try {
          running.drain(running.config().shutdownGrace()).toCompletionStage().toCompletableFuture()
            .orTimeout(running.config().shutdownGrace().toSeconds() + 5, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
          LOG.warn("drain did not complete cleanly: {}", e.getMessage());
        }
        closeQuietly(vertx);
        LOG.info("clerk-vertx stopped");
        System.exit(0);
      });
    }
  }

  private static void closeQuietly(Vertx vertx) {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
      .exceptionally(x -> null).join();
  }
}
