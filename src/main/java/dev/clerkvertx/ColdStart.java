package dev.clerkvertx;

import dev.clerkvertx.api.Api;
import dev.clerkvertx.auth.RsaProvider;
import dev.clerkvertx.config.ServiceConfig;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The slow parts of a start that need neither Vert.x nor each other, each begun on a thread of its own
 * (a daemon: it never holds the process) so that they run while the process does the rest: the API
 * and its GraphQL schema (a few hundred milliseconds of cold code), the RS256 provider (loading
 * Corretto's native library and its self-test, about a quarter of a second). {@link Application#start}
 * awaits both before it deploys anything; a failure of either is a failed start.
 *
 * <p>{@link Main} calls {@link #prepare} once logging is set up: begun earlier, the schema's thread and
 * the main thread would race to set up SLF4J, and the loser's first log lines (and the log level and
 * format the configuration then applies) would go to SLF4J's stand-ins.
 */
public final class ColdStart {
  private ColdStart() {
  }

  /** Builds the application's API package and what is served with it. */
  public static CompletionStage<Application.Served> prepare(Clock clock) {
    return inBackground("clerk-vertx-prepare", () -> Application.Served.of(Api.create(clock)));
  }

  /**
   * Puts the RS256 provider that {@code RSA_PROVIDER} chooses first in this JVM; completes with the line
   * the start-up log prints about it.
   */
  public static CompletionStage<String> installRsa(ServiceConfig config) {
    RsaProvider.Choice choice = RsaProvider.Choice.parse(config.rsaProvider());
    return inBackground("clerk-vertx-rsa", () -> RsaProvider.apply(choice));
  }

  private static <T> CompletionStage<T> inBackground(String name, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(work.get());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }
}
