package dev.clerkvertx;

import dev.clerkvertx.auth.TokenRejection;
import dev.clerkvertx.config.ConfigException;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.config.ServiceConfig;
import dev.clerkvertx.dev.DevBanner;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Process entry point. {@code --allow-dev-mode} is passed only by {@code ./mvnw compile exec:java};
 * the packaged jar, started without it, exits 1 when no Clerk instance is configured.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    boolean devModeAllowed = List.of(args).contains("--allow-dev-mode");
    Vertx vertx = Vertx.vertx();
    Application.Running running;
    try {
      running = Application.start(vertx, ConfigLoader.standard(), devModeAllowed, Clock.systemUTC(),
          (TokenRejection r) -> { })
        .toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException) {
        System.err.println("clerk-vertx: configuration error: " + cause.getMessage());
      } else {
        LOG.error("clerk-vertx failed to start", cause);
      }
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(x -> null).join();
      System.exit(1);
      return;
    }
    LOG.info("clerk-vertx listening on port {} ({} mode)", running.port(), running.config().mode().name().toLowerCase());
    if (running.config().mode() == ServiceConfig.Mode.DEV) {
      DevBanner.print(running);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() ->
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(15, TimeUnit.SECONDS)
        .exceptionally(x -> null).join(), "clerk-vertx-shutdown"));
  }
}
