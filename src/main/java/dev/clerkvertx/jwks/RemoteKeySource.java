package dev.clerkvertx.jwks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Clerk's JWKS, kept fresh: refreshed ahead of need on a jittered timer, retried with backoff
 * without ever dropping the last good set, fetched for unknown {@code kid}s as a single flight
 * limited by a cooldown. Built by {@link #builder}, which refuses incoherent timings.
 */
public final class RemoteKeySource implements KeySource {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteKeySource.class);

  /** Retries after failed fetches: 1 s, doubling to 30 s. */
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final String url;
  private final Duration timeout;
  private final Duration refresh;
  private final Clock clock;
  private final KeyStats stats;
  private final Backoff backoff = new Backoff(FIRST_RETRY, LAST_RETRY);
  private final Cooldown cooldown;

  private Vertx vertx;
  private WebClient client;
  private JwksFetcher fetcher;
  private Consumer<KeySet> installed;
  private KeySet current;
  private long generation;
  private Future<KeySet> inFlight;
  private long timerId = -1;

  RemoteKeySource(String url, Duration timeout, Duration refresh, Duration cooldown, Clock clock, KeyStats stats) {
    this.url = url;
    this.timeout = timeout;
    this.refresh = refresh;
    this.clock = clock;
    this.stats = stats;
    this.cooldown = new Cooldown(clock, cooldown);
  }

  /** The one way to a remote source: its parts, checked together. */
  public static RemoteKeySourceBuilder builder(String url) {
    return new RemoteKeySourceBuilder(url);
  }

  @Override
  public Future<Void> start(Vertx vertx, Consumer<KeySet> installed) {
    this.vertx = vertx;
    this.installed = installed;
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("clerk-vertx")
      .setConnectTimeout((int) timeout.toMillis()).setKeepAlive(true).setFollowRedirects(false));
    fetcher = new JwksFetcher(client, url, timeout);
    // awaited so that a healthy service is ready as soon as it listens; a failure does not stop start-up
    return load().<Void>mapEmpty().otherwiseEmpty();
  }

  @Override
  public KeySet current() {
    return current;
  }

  @Override
  public Future<KeyLookup> lookup(String kid) {
    if (current != null && current.has(kid)) {
      return Future.succeededFuture(answer());
    }
    if (inFlight != null) {
      return inFlight.transform(ar -> Future.succeededFuture(answer()));
    }
    if (!cooldown.tryAcquire()) {
      return Future.succeededFuture(answer());
    }
    stats.unknownKidFetch();
    return load().transform(ar -> Future.succeededFuture(answer()));
  }

  @Override
  public Future<Boolean> refreshNow() {
    return load().transform(ar -> Future.succeededFuture(ar.succeeded()));
  }

  @Override
  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    if (client != null) {
      client.close();
    }
  }

  private KeyLookup answer() {
    return new KeyLookup(current, cooldown.openAt());
  }

  /** One fetch, shared by every caller while it runs; schedules the next one when it ends. */
  private Future<KeySet> load() {
    if (inFlight != null) {
      return inFlight;
    }
    Promise<KeySet> done = Promise.promise();
    // set before fetching, so that even a fetch completing at once leaves no stale in-flight future
    inFlight = done.future();
    fetcher.fetch().map(this::install).onComplete(ar -> {
      inFlight = null;
      if (ar.succeeded()) {
        stats.success();
        backoff.reset();
        schedule(jittered(refresh));
      } else {
        JwksFailure failure = ar.cause() instanceof JwksException je ? je.failure() : JwksFailure.CONNECT_FAILED;
        stats.failure(failure);
        Duration retry = backoff.nextDelay();
        LOG.warn("JWKS fetch from {} failed ({}); {}; retrying in {} s", url, ar.cause().getMessage(),
          current == null ? "no keys loaded yet: protected routes answer 503" : "keeping the last good key set",
          retry.toSeconds());
        schedule(retry);
      }
      done.handle(ar);
    });
    return done.future();
  }

  private KeySet install(List<RsaJwk> keys) {
    KeySet next = KeySet.of(keys, KeySet.KidMatch.BY_KID, ++generation, clock.instant());
    if (!next.sameKeysAs(current)) {
      LOG.info("Verification keys loaded: {} key(s), kids {}", next.keys().size(), next.kids());
    }
    current = next;
    stats.installed(next);
    installed.accept(next);
    return next;
  }

  private void schedule(Duration delay) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    timerId = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
      timerId = -1;
      load();
    });
  }

  /** Refresh slightly early and at a different moment in each process, so fleets do not fetch in step. */
  private static Duration jittered(Duration period) {
    long ms = period.toMillis();
    return Duration.ofMillis(ms - ThreadLocalRandom.current().nextLong(ms / 10 + 1));
  }
}
