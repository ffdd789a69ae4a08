package dev.clerkvertx.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.Map;
import java.util.function.Function;

/**
 * GraphiQL at {@code /graphiql/}, from the assets bundled in vertx-web-graphql (works offline).
 * Replaces vertx-web-graphql's own handler, which reads index.html with a blocking call on every
 * request and inlines its configuration without escaping {@code </script>}: here the template is read
 * once at start and every value is JSON-escaped for an HTML script context.
 */
public final class GraphiQLPage {
  /** Where vertx-web-graphql keeps the GraphiQL build inside its jar. */
  public static final String WEBROOT = "io/vertx/ext/web/handler/graphiql";
  private static final String PLACEHOLDER = "__VERTX_GRAPHIQL_CONFIG__";

  private final String template;
  private final Function<RoutingContext, Map<String, String>> headers;

  /**
   * @param template the bundled index.html, read once at start-up
   * @param headers  headers GraphiQL sends with each query (dev mode: a fresh token); may be empty
   */
  public GraphiQLPage(String template, Function<RoutingContext, Map<String, String>> headers) {
    if (!template.contains(PLACEHOLDER)) {
      throw new IllegalArgumentException("GraphiQL template has no configuration placeholder");
    }
    this.template = template;
    this.headers = headers;
  }

  public void mount(Router router) {
    router.get("/graphiql/").handler(ctx -> {
      // Vert.x matches "/graphiql" here too; the page's relative asset URLs need the slash
      if (ctx.request().path().endsWith("/")) {
        serveIndex(ctx);
      } else {
        ctx.redirect("/graphiql/");
      }
    });
    router.get("/graphiql/index.html").handler(this::serveIndex);
    router.get("/graphiql/*").handler(StaticHandler.create(WEBROOT)
      .setCachingEnabled(true).setMaxAgeSeconds(365L * 24 * 3600).setDirectoryListing(false));
  }

  private void serveIndex(RoutingContext ctx) {
    JsonObject config = new JsonObject()
      .put("httpEnabled", true)
      .put("graphQLUri", "/graphql")
      .put("graphQLWSEnabled", false);
    Map<String, String> extra = headers.apply(ctx);
    if (!extra.isEmpty()) {
      config.put("headers", new JsonObject(Map.copyOf(extra)));
    }
    ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .end(template.replace(PLACEHOLDER, scriptSafeJson(config)));
  }

  /** JSON that cannot end the surrounding {@code <script>} element or open a comment or entity. */
  static String scriptSafeJson(JsonObject json) {
    return json.encode()
      .replace("<", "\\u003c")
      .replace(">", "\\u003e")
      .replace("&", "\\u0026")
      .replace("\u2028", "\\u2028")
      .replace("\u2029", "\\u2029");
  }
}
