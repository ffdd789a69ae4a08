package dev.clerkvertx.http;

import dev.clerkvertx.identity.ClerkIdentity;
import dev.clerkvertx.ops.BodyStats;
import dev.clerkvertx.ops.BodyStats.Refusal;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounds the request bodies one event loop holds, charging each body for the bytes that have
 * arrived, never for those its {@code Content-Length} announces (a head that announces 64 KiB and
 * sends nothing holds nothing):
 * <ul>
 *   <li>the event loop holds at most {@code capacity} bytes of bodies; when a chunk finds it full,
 *       unfinished bodies of the callers holding the most bytes give way, each caller's oldest first,
 *       until the chunk fits (each answered 503 and its connection closed), but only those of callers
 *       holding more than the chunk's caller will: so bodies that are held open, however many accounts
 *       hold them, cannot starve others, and fresh bodies sent at line rate cannot cut an honest upload
 *       arriving slowly, unless each of their accounts holds less than it (it takes the budget over the
 *       upload's size in accounts);</li>
 *   <li>one signed-in user ({@code sub}), over all their connections, at most a quarter of it; callers
 *       without a session share one such quarter;</li>
 *   <li>one connection holds one body at a time (HTTP/1.1, no h2c), at most its route's body limit;</li>
 *   <li>a body must start arriving within {@code startTimeout} of its head, else 408 and the connection
 *       is closed.</li>
 * </ul>
 * A chunk that would go over a bound goes no further: the request is answered 503 with
 * {@code Retry-After} and its connection closed (the rest of the body is never read); a request that
 * finds its user's share already spent is answered 503 unread. A body's bytes are given back when its answer
 * ends or its connection closes, whichever comes first.
 * <p>
 * Mount it on any route with a body, after authentication (the share is the user's) and right before
 * the {@code BodyHandler}: {@code .handler(bodies).handler(BodyHandler.create(false).setBodyLimit(n))}.
 * It sees the bytes through the {@link BodyTap} that {@link RequestGate} puts on the request. One
 * instance per event loop, shared by all its routes; a {@link PlatformHandler}, so that Vert.x lets it
 * run before the body handler on the same route.
 */
public final class BodyBudget implements PlatformHandler {
  static final long SWEEP_MILLIS = 1_000;
  /** A user may hold this fraction of the event loop's budget: it takes four users to spend it. */
  static final int USER_SHARE_DIVISOR = 4;
  private static final String NO_SESSION = "";

  private final long capacity;
  private final long userShare;
  private final long startMillis;
  private final Clock clock;
  private final BodyStats stats;
  /** In the order the bodies were claimed: the oldest first. */
  private final Set<Claim> inFlight = new LinkedHashSet<>();
  private final Map<String, Holder> holders = new HashMap<>();
  private long held;

  /** The bytes one caller holds on this event loop, and in how many bodies. */
  private static final class Holder {
    final String key;
    long held;
    int claims;

    Holder(String key) {
      this.key = key;
    }
  }

  /** The budget's hold on one body; handed to the request's {@link BodyTap} through {@code handler}. */
  final class Claim implements Handler<Buffer> {
    final RoutingContext ctx;
    final Holder holder;
    final long since;
    long received;
    boolean attached;
    boolean stopped;

    Claim(RoutingContext ctx, Holder holder, long since) {
      this.ctx = ctx;
      this.holder = holder;
      this.since = since;
    }

    void attached() {
      attached = true;
    }

    /** Takes {@code n} more bytes, or refuses the body: true when the chunk may go on to its reader. */
    boolean arrived(int n) {
      if (stopped) {
        return false;
      }
      Refusal over = holder.held + n > userShare ? Refusal.USER_SHARE
        : held + n > capacity && !makeRoom(this, held + n - capacity, n) ? Refusal.BUDGET : null;
      if (over != null) {
        stop(this, over, 503);
        return false;
      }
      received += n;
      holder.held += n;
      held += n;
      stats.held(n);
      return true;
    }

    /** Never called: a claim is a token for the tap, not a reader. */
    @Override
    public void handle(Buffer chunk) {
    }
  }

  BodyBudget(long capacity, Duration startTimeout, Clock clock, BodyStats stats) {
    this.capacity = capacity;
    this.userShare = capacity / USER_SHARE_DIVISOR;
    this.startMillis = startTimeout.toMillis();
    this.clock = clock;
    this.stats = stats;
  }

  /** Looks for bodies that have not started in time, once a second on this event loop, until the verticle stops. */
  void start(Vertx vertx) {
    vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded() || !BodyTap.announcesBody(request)) {
      ctx.next();
      return;
    }
    ClerkIdentity caller = ClerkIdentity.of(ctx);
    String key = caller == null || caller.userId() == null ? NO_SESSION : caller.userId();
    Holder holder = holders.computeIfAbsent(key, Holder::new);
    // a full event-loop budget is no reason to refuse: the body's first chunk makes room (makeRoom)
    if (holder.held >= userShare) {
      if (holder.claims == 0) {
        holders.remove(key);
      }
      stats.refused(Refusal.USER_SHARE);
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
      Routes.status(ctx, 503);
      return;
    }
    Claim claim = new Claim(ctx, holder, clock.millis());
    request.handler(claim);
    if (!claim.attached) {
      request.handler(null);
      ctx.fail(new IllegalStateException("BodyBudget needs requests routed through RequestGate"));
      return;
    }
    holder.claims++;
    inFlight.add(claim);
    ctx.addEndHandler(v -> release(claim));
    ctx.next();
  }

  private void release(Claim claim) {
    if (!inFlight.remove(claim)) {
      return;
    }
    claim.stopped = true;
    held -= claim.received;
    claim.holder.held -= claim.received;
    stats.held(-claim.received);
    if (--claim.holder.claims == 0) {
      holders.remove(claim.holder.key);
    }
  }

  /**
   * Frees at least {@code needed} bytes for {@code newer} by stopping unfinished bodies of the callers
   * holding the most bytes, each caller's oldest first, and only of a caller who holds more than
   * {@code newer}'s caller will once its chunk is taken (so equals never push each other out, and a
   * caller with one body gives way only to callers who each hold less); nothing is stopped when that
   * frees too little. True when freed. A body that has fully arrived (its request is being answered)
   * never gives way. Runs only when the budget is full.
   */
  private boolean makeRoom(Claim newer, long needed, int n) {
    // callers in the order of their oldest preemptible body: among equals, the oldest gives way
    Map<Holder, ArrayDeque<Claim>> preemptible = new LinkedHashMap<>();
    for (Claim claim : inFlight) {
      if (claim != newer && !claim.stopped && claim.received > 0 && !claim.ctx.request().isEnded()) {
        preemptible.computeIfAbsent(claim.holder, h -> new ArrayDeque<>()).add(claim);
      }
    }
    Map<Holder, Long> after = new HashMap<>();
    long floor = newer.holder.held + n;
    List<Claim> victims = new ArrayList<>();
    long freed = 0;
    while (freed < needed) {
      Holder largest = null;
      long most = floor;
      for (Holder h : preemptible.keySet()) {
        long holds = after.getOrDefault(h, h.held);
        if (holds > most && !preemptible.get(h).isEmpty()) {
          largest = h;
          most = holds;
        }
      }
      if (largest == null) {
        return false;
      }
      Claim victim = preemptible.get(largest).poll();
      victims.add(victim);
      freed += victim.received;
      after.put(largest, most - victim.received);
    }
    for (Claim victim : victims) {
      release(victim);
      stop(victim, Refusal.PREEMPTED, 503);
    }
    return true;
  }

  /** Answers {@code status} (when nothing was answered yet) and closes the connection: the rest of the body is not read. */
  private void stop(Claim claim, Refusal reason, int status) {
    claim.stopped = true;
    stats.refused(reason);
    var response = claim.ctx.response();
    var connection = claim.ctx.request().connection();
    if (response.headWritten()) {
      connection.close();
      return;
    }
    response.putHeader(HttpHeaders.CONNECTION, "close");
    if (status == 503) {
      response.putHeader(HttpHeaders.RETRY_AFTER, "1");
    }
    Routes.status(claim.ctx, status).onComplete(ar -> connection.close());
  }

  private void sweep() {
    long now = clock.millis();
    List<Claim> late = new ArrayList<>();
    for (Claim claim : inFlight) {
      if (!claim.stopped && claim.received == 0 && now - claim.since >= startMillis && !claim.ctx.request().isEnded()) {
        late.add(claim);
      }
    }
    late.forEach(claim -> stop(claim, Refusal.START_TIMEOUT, 408));
  }
}
