package dev.clerkvertx.http;

import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** GraphiQL is served from the jar, offline, with the dev token prefilled and nothing injectable. */
@ExtendWith(VertxExtension.class)
class GraphiQLPageTest {
  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
  private static final Pattern CONFIG = Pattern.compile("window\\.VERTX_GRAPHIQL_CONFIG=(\\{.*?\\})</script>");

  @Test
  void servesPageAndEveryAssetFromTheJarWithNoExternalUrl(Vertx vertx) {
    Service service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
    HttpResponse<Buffer> page = service.get("/graphiql/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    String html = page.bodyAsString();
    assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
    List<String> assets = new ArrayList<>();
    Matcher m = ASSET.matcher(html);
    while (m.find()) {
      assets.add(m.group(1));
    }
    assertThat(assets).anyMatch(a -> a.endsWith(".js")).anyMatch(a -> a.endsWith(".css"));
    for (String asset : assets) {
      HttpResponse<Buffer> resp = service.get("/graphiql/" + asset.replaceFirst("^\\./", ""), null);
      assertThat(resp.statusCode()).as(asset).isEqualTo(200);
      assertThat(resp.body().length()).as(asset).isGreaterThan(1000);
    }
  }

  @Test
  void redirectsBarePathToTheSlashedOne(Vertx vertx) {
    Service service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
    HttpResponse<Buffer> resp = Service.await(service.client.get("/graphiql").followRedirects(false).send());
    assertThat(resp.statusCode()).isIn(301, 302);
    assertThat(resp.getHeader("Location")).isEqualTo("/graphiql/");
  }

  @Test
  void devModePagePrefillsAWorkingTokenForGraphQL(Vertx vertx) {
    Service service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
    JsonObject config = config(service.get("/graphiql/", null).bodyAsString());
    assertThat(config.getString("graphQLUri")).isEqualTo("/graphql");
    String authorization = config.getJsonObject("headers").getString("Authorization");
    assertThat(authorization).startsWith("Bearer ");
    HttpResponse<Buffer> resp = service.graphql("{ pingOne(id: \"7\") }", authorization.substring(7));
    assertThat(resp.bodyAsJsonObject().getJsonObject("data").getString("pingOne")).isEqualTo("GraphQL Ping #7!");
  }

  @Test
  void opensWithADocumentThatRunsAsItIs(Vertx vertx) {
    Service service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
    JsonObject config = config(service.get("/graphiql/", null).bodyAsString());
    String document = config.getJsonObject("parameters").getString("query");
    assertThat(document).contains("pingOne").contains("me {");
    String token = config.getJsonObject("headers").getString("Authorization").substring("Bearer ".length());
    JsonObject answer = service.graphql(document, token).bodyAsJsonObject();
    assertThat(answer.containsKey("errors")).as(answer.encode()).isFalse();
    assertThat(answer.getJsonObject("data").getString("pingOne")).isEqualTo("GraphQL Ping #1!");
    assertThat(answer.getJsonObject("data").getJsonObject("me").getString("userId")).isEqualTo("user_dev");
  }

  @Test
  void graphiqlEnabledFalseTurnsThePageAndItsAssetsOff(Vertx vertx) {
    Map<String, String> env = Service.baseEnv();
    env.put("GRAPHIQL_ENABLED", "false");
    Service service = Service.start(vertx, env, MutableClock.atNow(), true);
    for (String path : new String[]{"/graphiql/", "/graphiql", "/graphiql/index.html", "/graphiql/static/js/main.4d49fe32.js"}) {
      assertThat(Service.await(service.client.get(path).followRedirects(false).send()).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(service.get("/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void clerkModePagePrefillsNothing(Vertx vertx) {
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_JWT_KEY", dev.clerkvertx.support.TestKeys.pem(dev.clerkvertx.support.TestKeys.RSA_A));
    env.put("CLERK_ISSUER_URL", "https://clean-mole-12.clerk.accounts.dev");
    Service service = Service.start(vertx, env, MutableClock.atNow());
    assertThat(config(service.get("/graphiql/", null).bodyAsString()).containsKey("headers")).isFalse();
  }

  @Test
  void reflectedHeaderValuesCannotCloseTheScriptElement(Vertx vertx) throws Exception {
    String template;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(GraphiQLPage.WEBROOT + "/index.html")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String evil = "</script><script>window.pwned=1</script><!--&amp;\u2028";
    Router router = Router.router(vertx);
    new GraphiQLPage(template, ctx -> Map.of("Authorization", evil)).mount(router);
    int port = Service.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    String html = Service.await(WebClient.create(vertx).get(port, "127.0.0.1", "/graphiql/").send()).bodyAsString();

    assertThat(html).doesNotContain("</script><script>window.pwned");
    // the template's scripts and the page's own one that shows the headers: none more
    assertThat(count(html, "<script")).isEqualTo(count(template, "<script") + 1);
    assertThat(count(html, "</script>")).isEqualTo(count(template, "</script>") + 1);
    // and the value survives intact for GraphiQL to send
    assertThat(config(html).getJsonObject("headers").getString("Authorization")).isEqualTo(evil);
  }

  private static JsonObject config(String html) {
    Matcher m = CONFIG.matcher(html);
    assertThat(m.find()).as("inline GraphiQL config").isTrue();
    return new JsonObject(m.group(1));
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
