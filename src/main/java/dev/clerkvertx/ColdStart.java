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

  /**
   * The application's API package, then its schema and what else is served with it: two stages, so
   * that a start can go on once the API exists (its failure, a class missing say, is known before
   * anything is logged) while the schema is still being built.
   */
  public record Prepared(CompletionStage<Api> api, CompletionStage<Application.Served> served) {
    /** Both at once, for an API built already. */
    static Prepared of(Api api) {
      return new Prepared(CompletableFuture.completedFuture(api), CompletableFuture.completedFuture(Application.Served.of(api)));
    }
  }

  /** Builds the application's API package and what is served with it. */
  public static Prepared prepare(Clock clock) {
    CompletableFuture<Api> api = new CompletableFuture<>();
    CompletionStage<Application.Served> served = inBackground("clerk-vertx-prepare", () -> {
      Api created;
      try {
        created = Api.create(clock);
      } catch (Throwable e) {
        api.completeExceptionally(e);
        throw e;
      }
      api.complete(created);
      return Application.Served.of(created);
    });
    return new Prepared(api, served);
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
