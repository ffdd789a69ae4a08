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
  /**
   * What the page opens with (unless its URL names a query): a document that runs as it is, its
   * comment lines short enough to be read whole in a half-screen editor.
   */
  static final String DEFAULT_DOCUMENT = """
    # clerk-vertx: every query needs a Clerk session
    # token in the Authorization header (the Headers
    # tab below: in dev mode it holds a fresh token;
    # else add {"Authorization": "Bearer <token>"}).
    # Press the Run button (or Ctrl-Enter).
    {
      pingOne(id: "1")
      me {
        userId
        sessionId
        orgId
        orgRole
      }
    }
    """;
  /**
   * Shows the prefilled headers in GraphiQL's Headers editor, where they can be seen, copied and
   * changed (the editor's values win over the configured ones): the bundled app only sends them.
   */
  private static final String SHOW_HEADERS = """
    <script>(function () {
      var headers = window.VERTX_GRAPHIQL_CONFIG.headers;
      if (!headers || Object.keys(headers).length === 0) { return; }
      var tries = 0;
      var timer = setInterval(function () {
        var tab = document.querySelector('.graphiql-editor-tools button[data-name="headers"]');
        var editors = document.querySelectorAll('.graphiql-editor-tool .graphiql-editor .CodeMirror');
        var editor = editors.length > 1 ? editors[1].CodeMirror : null;
        if (tab && editor) {
          clearInterval(timer);
          if (editor.getValue().trim() === '') { editor.setValue(JSON.stringify(headers, null, 2)); }
          tab.click();
        } else if (++tries > 200) {
          clearInterval(timer);
        }
      }, 50);
    })();</script>""";

  private final String template;
  private final Function<RoutingContext, Map<String, String>> headers;

  /**
   * @param template the bundled index.html, read once at start-up
   * @param headers  headers GraphiQL sends with each query (dev mode: a fresh token); may be empty
   */
  public GraphiQLPage(String template, Function<RoutingContext, Map<String, String>> headers) {
    if (!template.contains(PLACEHOLDER) || !template.contains("</head>")) {
      throw new IllegalArgumentException("GraphiQL template has no configuration placeholder");
    }
    this.template = template.replace("</head>", SHOW_HEADERS + "</head>");
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
      .put("graphQLWSEnabled", false)
      .put("parameters", new JsonObject().put("query", DEFAULT_DOCUMENT));
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
