package dev.clerkvertx.jwks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one owner of the verification keys in the process. It fetches the JWKS (or holds a static
 * set), refreshes it ahead of need on a jittered timer, retries failures with backoff without ever
 * dropping the last good set, serves unknown-{@code kid} refreshes as a single flight limited by a
 * cooldown, and publishes every new set to the HTTP verticles over the event bus.
 */
public final class KeyManagerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(KeyManagerVerticle.class);

  /** Retries after failed fetches: 1 s, doubling to 30 s. */
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final String url;
  private final Duration timeout;
  private final List<JsonObject> staticKeys;
  private final boolean staticAnyKid;
  private final Clock clock;
  private final Duration refresh;
  private final Backoff backoff;
  private final Cooldown cooldown;
  private final KeyStats stats;

  private JwksFetcher fetcher;
  private WebClient client;
  private KeySet current;
  private long generation;
  private Future<KeySet> inFlight;
  private long timerId = -1;

  private KeyManagerVerticle(String url, Duration timeout,
                             List<JsonObject> staticKeys, boolean staticAnyKid, Clock clock, Duration refresh,
                             Duration cooldown, KeyStats stats) {
    this.url = url;
    this.timeout = timeout;
    this.staticKeys = staticKeys;
    this.staticAnyKid = staticAnyKid;
    this.clock = clock;
    this.refresh = refresh;
    this.backoff = new Backoff(FIRST_RETRY, LAST_RETRY);
    this.cooldown = new Cooldown(clock, cooldown);
    this.stats = stats;
  }

  /** Keys fetched from {@code url} and refreshed: the production mode. */
  public static KeyManagerVerticle remote(String url, Duration timeout, Duration refresh, Duration cooldown,
                                          Clock clock, KeyStats stats) {
    return new KeyManagerVerticle(url, timeout, null, false, clock,
      refresh, cooldown, stats);
  }

  /** A fixed set (networkless PEM or dev mode): no fetch ever happens. */
  public static KeyManagerVerticle fixed(List<JsonObject> keys, boolean anyKid, Clock clock, KeyStats stats) {
    return new KeyManagerVerticle(null, Duration.ZERO, keys, anyKid, clock, Duration.ZERO, Duration.ZERO, stats);
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<Void>localConsumer(KeyBus.CURRENT, this::onCurrent);
    vertx.eventBus().<String>localConsumer(KeyBus.UNKNOWN_KID, this::onUnknownKid);
    vertx.eventBus().<Void>localConsumer(KeyBus.REFRESH, msg -> {
      if (fetcher == null) {
        msg.reply(true);
      } else {
        load().onComplete(ar -> msg.reply(ar.succeeded()));
      }
    });
    if (staticKeys != null) {
      install(staticKeys, staticAnyKid);
      return Future.succeededFuture();
    }
    client = WebClient.create(vertx, new WebClientOptions()
      .setUserAgent("clerk-vertx")
      .setConnectTimeout((int) timeout.toMillis())
      .setKeepAlive(true)
      .setFollowRedirects(false));
    fetcher = new JwksFetcher(client, url, timeout);
    // The first load is awaited so that a healthy service is ready as soon as it listens; a failed
    // one does not stop start-up: requests get 503 and the backoff keeps trying.
    return load().otherwiseEmpty();
  }

  @Override
  public Future<?> stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }

  /** One fetch, shared by every caller while it runs; reschedules the next one when it ends. */
  Future<KeySet> load() {
    if (inFlight != null) {
      return inFlight;
    }
    Promise<KeySet> done = Promise.promise();
    // set before fetching, so that even a fetch completing at once leaves no stale in-flight future
    inFlight = done.future();
    fetcher.fetch()
      .map(keys -> install(keys, false))
      .onComplete(ar -> {
        inFlight = null;
        if (ar.succeeded()) {
          stats.success();
          backoff.reset();
          schedule(jittered(refresh));
        } else {
          JwksFailure failure = ar.cause() instanceof JwksException je ? je.failure() : JwksFailure.CONNECT_FAILED;
          stats.failure(failure);
          Duration retry = backoff.nextDelay();
          LOG.warn("JWKS fetch from {} failed ({}); {}; retrying in {} s", fetcher.url(), ar.cause().getMessage(),
            current == null ? "no keys loaded yet: protected routes answer 503" : "keeping the last good key set",
            retry.toSeconds());
          schedule(retry);
        }
        done.handle(ar);
      });
    return done.future();
  }

  private KeySet install(List<JsonObject> keys, boolean anyKid) {
    KeySet next = KeySet.of(keys, anyKid, ++generation, clock.instant());
    if (current == null || !next.sameKeysAs(current)) {
      LOG.info("Verification keys loaded: {} key(s), kids {}", next.keys().size(), next.kids());
    }
    current = next;
    stats.installed(next);
    vertx.eventBus().publish(KeyBus.UPDATED, next.toJson());
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

  private void onCurrent(Message<Void> msg) {
    if (current == null) {
      msg.fail(503, "no verification keys loaded");
    } else {
      msg.reply(current.toJson());
    }
  }

  private void onUnknownKid(Message<String> msg) {
    String kid = msg.body();
    if (fetcher == null || (current != null && current.has(kid))) {
      replyCurrent(msg);
    } else if (inFlight != null) {
      inFlight.onComplete(ar -> replyCurrent(msg));
    } else if (cooldown.tryAcquire()) {
      stats.unknownKidFetch();
      load().onComplete(ar -> replyCurrent(msg));
    } else {
      replyCurrent(msg);
    }
  }

  private void replyCurrent(Message<String> msg) {
    msg.reply(new JsonObject()
      .put("keySet", current == null ? null : current.toJson())
      .put("cooldownUntil", cooldown.openAt().equals(Instant.MIN) ? 0L : cooldown.openAt().toEpochMilli()));
  }
}
