package dev.clerkvertx.dev;

import dev.clerkvertx.jwks.KeySet;
import dev.clerkvertx.jwks.KeySource;
import dev.clerkvertx.jwks.KeyStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Dev mode, whole: a stand-in Clerk instance for local development. It provides the issuer and its
 * generated key, its routes ({@code /.well-known/jwks.json}, {@code POST /dev/token}), the token
 * GraphiQL is prefilled with, and the start-up banner. Reached only through
 * {@code ./mvnw compile exec:java}; it listens on loopback only.
 */
public final class DevMode {
  private static final Logger LOG = LoggerFactory.getLogger(DevMode.class);
  /** Dev mode never listens beyond this machine. */
  public static final String HOST = "127.0.0.1";
  private static final int MINT_BODY_LIMIT = 16 * 1024;
  /**
   * The heap the packaged jar gets from the README's recommended command ({@code -Xmx96m};
   * SettingsTableTest checks they agree): dev mode runs in Maven's larger JVM but sizes its caches to this.
   */
  public static final long JAR_HEAP_BYTES = 96L << 20;
  /**
   * The old generation of that jar: the heap less its young generation ({@code -Xmn16m} in the same
   * command), what the memory budget is checked against, so that dev mode refuses what the jar would.
   */
  public static final long JAR_OLD_GENERATION_BYTES = JAR_HEAP_BYTES - (16L << 20);
  /** How the start-up line names it. */
  public static final String JAR_OLD_GENERATION = "old generation of the packaged jar under -Xmx96m -Xmn16m, "
    + "which dev mode sizes for";
  private static final String JWKS_PATH = "/.well-known/jwks.json";
  private static final String TOKEN_PATH = "/dev/token";

  private final DevIssuer issuer;

  private DevMode(DevIssuer issuer) {
    this.issuer = issuer;
  }

  /** Generates the key off the event loops; the issuer is {@code http://localhost:<port>}. */
  public static Future<DevMode> start(Vertx vertx, int port, Clock clock) {
    return vertx.executeBlocking(() -> new DevMode(DevIssuer.generate("http://localhost:" + port, clock)));
  }

  public String issuer() {
    return issuer.issuer();
  }

  /** The minting issuer itself (tests mint tokens like the printed one). */
  public DevIssuer tokens() {
    return issuer;
  }

  /** The generated key, fixed: tokens must name its kid, as Clerk's do. */
  public KeySource keySource(Clock clock, KeyStats stats) {
    return KeySource.fixed(issuer.publicJwk(), KeySet.KidMatch.BY_KID, clock, stats);
  }

  /**
   * The dev routes, each behind a gate that answers 403 to any caller but a local one
   * ({@link DevAccess}) and strips CORS headers from whatever answers, a preflight included: mount
   * them before the router's CORS handler.
   */
  public void mount(Router router) {
    for (String path : new String[]{JWKS_PATH, TOKEN_PATH}) {
      router.route(path).handler(DevMode::gate);
    }
    router.get(JWKS_PATH).handler(ctx -> ctx.response()
      .putHeader("Content-Type", "application/json").end(issuer.jwks().encode()));
    router.post(TOKEN_PATH).handler(BodyHandler.create(false).setBodyLimit(MINT_BODY_LIMIT))
      .handler(new DevTokenHandler(issuer));
  }

  private static void gate(RoutingContext ctx) {
    if (!DevAccess.isLocalCaller(ctx.request())) {
      ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", "dev routes answer loopback callers on a loopback Host only")
          .put("statusCode", 403).encode());
      return;
    }
    ctx.addHeadersEndHandler(v -> DevAccess.withoutCors(ctx.response().headers()));
    ctx.next();
  }

  /**
   * GraphiQL's headers: a fresh token, for exactly the callers {@code POST /dev/token} would serve
   * (and then the page carries no CORS headers),
   * with an organisation granting {@code org:pings:read} as admin, the demo feature and plan, and a
   * fresh {@code fva}, so that every demo field answers in the browser.
   */
  public Map<String, String> graphiqlHeaders(RoutingContext ctx) {
    if (!DevAccess.isLocalCaller(ctx.request())) {
      return Map.of();
    }
    // the page now carries a token: no other origin may read it, whatever CORS_ALLOWED_ORIGINS says
    ctx.addHeadersEndHandler(v -> DevAccess.withoutCors(ctx.response().headers()));
    return Map.of("Authorization", "Bearer " + issuer.mint(DevClaims.demo(), DevIssuer.DEFAULT_LIFETIME));
  }

  /**
   * The loud notice: a log warning and the banner with a ready curl command.
   *
   * @param corsOrigins the browser origins allowed to call the service
   */
  public void announce(int port, List<String> corsOrigins) {
    LOG.warn("DEV MODE - NOT FOR PRODUCTION: tokens are signed by a key generated at start; "
      + "set CLERK_ISSUER_URL or CLERK_PUBLISHABLE_KEY to verify Clerk's tokens");
    DevBanner.print(port, issuer, corsOrigins);
  }
}
