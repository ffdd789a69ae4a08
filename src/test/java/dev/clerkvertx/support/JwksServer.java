package dev.clerkvertx.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real JWKS endpoint on 127.0.0.1, port 0, whose behaviour each test switches, counting fetches
 * and every request by path (so a test can prove nobody fetched an attacker's URL).
 */
public final class JwksServer {
  public enum Behaviour { OK, STATUS_500, SLOW, GARBAGE, HTML, HUGE, EMPTY_SET, NO_USABLE_KEY }

  public static final String PATH = "/.well-known/jwks.json";

  private final Vertx vertx;
  private final AtomicInteger fetches = new AtomicInteger();
  private final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();
  private volatile Behaviour behaviour = Behaviour.OK;
  private volatile long delayMillis;
  private volatile JsonObject jwks = new JsonObject().put("keys", new JsonArray());
  private HttpServer server;
  private int port;

  public JwksServer(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<JwksServer> start() {
    return listen(0).map(this);
  }

  private Future<HttpServer> listen(int onPort) {
    return vertx.createHttpServer().requestHandler(this::handle).listen(onPort, "127.0.0.1")
      .onSuccess(s -> {
        server = s;
        port = s.actualPort();
      });
  }

  /** Stops listening: fetches now fail with connection refused. */
  public void down() {
    server.close().await();
  }

  /** Listens again on the same port. */
  public void up() {
    listen(port).await();
  }

  public void serve(JsonObject... keys) {
    jwks = new JsonObject().put("keys", new JsonArray(List.of((Object[]) keys)));
    behaviour = Behaviour.OK;
  }

  public void behave(Behaviour b) {
    behaviour = b;
  }

  /** Good answers come this late (a slow but working endpoint). */
  public void delay(long millis) {
    delayMillis = millis;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String url() {
    return baseUrl() + PATH;
  }

  public int fetches() {
    return fetches.get();
  }

  public int requestsTo(String path) {
    AtomicInteger n = byPath.get(path);
    return n == null ? 0 : n.get();
  }

  public int totalRequests() {
    return byPath.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void handle(HttpServerRequest req) {
    byPath.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
    if (!req.path().equals(PATH)) {
      req.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(jwks.encode());
      return;
    }
    fetches.incrementAndGet();
    var resp = req.response();
    switch (behaviour) {
      case OK -> {
        String body = jwks.encode();
        if (delayMillis > 0) {
          vertx.setTimer(delayMillis, t -> resp.putHeader("Content-Type", "application/json").end(body));
        } else {
          resp.putHeader("Content-Type", "application/json").end(body);
        }
      }
      case STATUS_500 -> resp.setStatusCode(500).putHeader("Content-Type", "application/json").end("{\"error\":\"boom\"}");
      case SLOW -> vertx.setTimer(TimeUnit.SECONDS.toMillis(20), t -> {
        if (!resp.closed()) {
          resp.putHeader("Content-Type", "application/json").end(jwks.encode());
        }
      });
      case GARBAGE -> resp.putHeader("Content-Type", "application/json").end("{\"keys\": [ not json");
      case HTML -> resp.putHeader("Content-Type", "text/html").end("<html><body>Bad gateway</body></html>");
      case HUGE -> resp.putHeader("Content-Type", "application/json")
        .end("{\"keys\":[],\"pad\":\"" + "x".repeat(600 * 1024) + "\"}");
      case EMPTY_SET -> resp.putHeader("Content-Type", "application/json").end("{\"keys\":[]}");
      case NO_USABLE_KEY -> resp.putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("keys", new JsonArray().add(TestKeys.jwk(TestKeys.RSA_1024, "short"))
          .add(new JsonObject().put("kty", "EC").put("kid", "ec").put("crv", "P-256"))).encode());
    }
  }
}
