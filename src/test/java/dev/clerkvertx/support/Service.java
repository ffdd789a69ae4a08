package dev.clerkvertx.support;

import dev.clerkvertx.Application;
import dev.clerkvertx.api.Api;
import dev.clerkvertx.config.ConfigLoader;
import dev.clerkvertx.ops.ScrapeCache;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service started through {@link Application} with the given variables, on port 0, and a
 * {@link WebClient} talking to it over a real socket. Test bodies run on the JUnit thread and wait
 * on futures there (never on an event loop).
 */
public final class Service {
  public final Vertx vertx;
  public final MutableClock clock;
  public final Rejections rejections;
  public final Application.Running running;
  public final WebClient client;

  private Service(Vertx vertx, MutableClock clock, Application.Running running, Rejections rejections) {
    this.vertx = vertx;
    this.rejections = rejections;
    this.clock = clock;
    this.running = running;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(running.port()).setMaxHeaderSize(64 * 1024));
  }

  /** Variables every test service gets unless overridden: one instance, ports 0, short timeouts. */
  public static Map<String, String> baseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("MANAGEMENT_PORT", "0");
    env.put("HTTP_INSTANCES", "1");
    env.put("CLERK_JWKS_TIMEOUT_SECONDS", "1");
    return env;
  }

  public static Service start(Vertx vertx, Map<String, String> env, MutableClock clock) {
    return start(vertx, env, clock, false);
  }

  public static Service start(Vertx vertx, Map<String, String> env, MutableClock clock, boolean devModeAllowed) {
    return start(vertx, env, clock, devModeAllowed, Api.create(clock));
  }

  /** The service serving {@code api} (the application's API with a test's own routes or fields, say). */
  public static Service start(Vertx vertx, Map<String, String> env, MutableClock clock, boolean devModeAllowed, Api api) {
    Rejections rejections = new Rejections();
    Application.Running running = await(Application.start(vertx, loader(withRsaProviderOfTheRun(env)), devModeAllowed, clock,
      rejections, api));
    return new Service(vertx, clock, running, rejections);
  }

  /** The configuration layers of a test service: the repository's conf/config.json, these variables. */
  public static ConfigLoader loader(Map<String, String> env) {
    return new ConfigLoader(Path.of("conf", "config.json"), Path.of("target", "no-such.env"), env);
  }

  /**
   * {@code RSA_PROVIDER} from the environment of the test run, unless the test sets it: CI runs the whole
   * suite once with the default provider and once with {@code RSA_PROVIDER=jdk}.
   */
  static Map<String, String> withRsaProviderOfTheRun(Map<String, String> env) {
    String ofTheRun = System.getenv("RSA_PROVIDER");
    if (ofTheRun == null || env.containsKey("RSA_PROVIDER")) {
      return env;
    }
    Map<String, String> copy = new HashMap<>(env);
    copy.put("RSA_PROVIDER", ofTheRun);
    return copy;
  }

  public HttpResponse<Buffer> get(String path, String token) {
    HttpRequest<Buffer> req = client.get(path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return await(req.send());
  }

  /** {@code GET /metrics} on the management port: rendered at most once a second of the service's clock. */
  public HttpResponse<Buffer> metrics() {
    return await(client.get(running.managementPort(), "127.0.0.1", "/metrics").send());
  }

  /** The metrics as they are now: the service's clock is moved past the scrape cache's period first. */
  public String freshMetrics() {
    clock.advance(ScrapeCache.PERIOD);
    return metrics().bodyAsString();
  }

  public HttpResponse<Buffer> send(HttpRequest<Buffer> req) {
    return await(req.send());
  }

  public HttpResponse<Buffer> graphql(String query, String token) {
    HttpRequest<Buffer> req = client.post("/graphql");
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return await(req.sendJsonObject(new JsonObject().put("query", query)));
  }

  public static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within 20 s", e);
    }
  }

  /**
   * Asks the key owner to fetch now and waits until this service's HTTP verticle has installed
   * whatever the owner then holds (the owner publishes asynchronously). True when the fetch succeeded.
   */
  public boolean refreshKeys() {
    boolean fetched = await(vertx.eventBus().<Boolean>request(running.keys().refreshAddress(), null)).body();
    long generation = running.keyStats().keySet().generation();
    for (int i = 0; i < 200; i++) {
      JsonObject keys = get("/ready", null).bodyAsJsonObject().getJsonArray("checks").stream()
        .map(o -> (JsonObject) o).filter(c -> "keys".equals(c.getString("id"))).findFirst().orElseThrow();
      JsonObject data = keys.getJsonObject("data");
      if (data != null && data.getLong("generation", -1L) >= generation) {
        return fetched;
      }
    }
    throw new AssertionError("the HTTP verticle never installed key set generation " + generation);
  }

  public void advance(Duration d) {
    clock.advance(d);
  }
}
