package dev.clerkvertx.http;

import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL in a real headless Chromium (Debian's chromium and chromium-driver; nothing downloaded).
 * Locally the test is skipped when the browser is not installed; under CI a missing browser fails.
 */
@ExtendWith(VertxExtension.class)
class GraphiQLBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static WebDriver driver;
  /** Selenium warns that it has no DevTools bindings for Debian's newer Chromium; the test does not use them. */
  static final java.util.logging.Logger CDP_FINDER = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  @BeforeAll
  static void openBrowser() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed) {
      assertThat(System.getenv("CI")).as("CI must install chromium and chromium-driver (.ci/run does)").isNull();
      Assumptions.abort("apt-get install -y chromium chromium-driver to run the browser test");
    }
    CDP_FINDER.setLevel(java.util.logging.Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder()
      .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void closeBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  static String run(int port, String query) {
    driver.get("http://127.0.0.1:" + port + "/graphiql/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20"));
    return run();
  }

  /** Presses Run on the page loaded, until a response shows. */
  static String run() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.until(d -> !d.findElements(By.cssSelector(".graphiql-execute-button")).isEmpty());
    // GraphiQL re-renders once its schema introspection returns and may drop an early click:
    // click again until a response shows
    return wait.until(d -> {
      String text = d.findElement(By.cssSelector(".graphiql-response")).getText();
      if (text.contains("{") && text.contains("}")) {
        return text;
      }
      d.findElement(By.cssSelector(".graphiql-execute-button")).click();
      return null;
    });
  }

  /** Runs what the page opens with; answers the response pane's text. */
  static String runDefaultDocument(int port) {
    driver.get("http://127.0.0.1:" + port + "/graphiql/");
    return run();
  }

  @Test
  void opensWithADocumentThatRunsAndTheDevTokenInTheHeadersEditor(Vertx vertx) {
    Service service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
    String answer = runDefaultDocument(service.running.port());
    assertThat(answer).contains("GraphQL Ping #1!").contains("user_dev").doesNotContain("errors");
    // the Headers tab is open and shows the token, as text that can be read and copied
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    String headers = wait.until(d -> {
      var tab = d.findElements(By.cssSelector(".graphiql-editor-tools button[data-name='headers'].active"));
      var editor = d.findElements(By.cssSelector(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror-code"));
      return tab.isEmpty() || editor.isEmpty() ? null : editor.get(0).getText();
    });
    assertThat(headers).contains("\"Authorization\"").containsPattern("Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.");
    String shown = (String) ((JavascriptExecutor) driver).executeScript(
      "return document.querySelectorAll('.graphiql-editor-tool .graphiql-editor .CodeMirror')[1].CodeMirror.getValue()");
    String token = new io.vertx.core.json.JsonObject(shown).getString("Authorization").substring("Bearer ".length());
    assertThat(service.get("/me", token).statusCode()).isEqualTo(200);
  }

  @Test
  void whatTheHeadersEditorSaysIsWhatIsSent(Vertx vertx) {
    Service service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
    runDefaultDocument(service.running.port());
    ((JavascriptExecutor) driver).executeScript("document.querySelectorAll('.graphiql-editor-tool .graphiql-editor "
      + ".CodeMirror')[1].CodeMirror.setValue('{\"Authorization\": \"Bearer invalid\"}')");
    driver.findElement(By.cssSelector(".graphiql-execute-button")).click();
    String answer = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
      String text = d.findElement(By.cssSelector(".graphiql-response")).getText();
      return text.contains("UNAUTHENTICATED") ? text : null;
    });
    assertThat(answer).doesNotContain("GraphQL Ping");
  }

  @Test
  void devModeRunsPingOneWithThePrefilledToken(Vertx vertx) {
    Service service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
    assertThat(run(service.running.port(), "{ pingOne(id: \"7\") }")).contains("GraphQL Ping #7!");
  }

  @Test
  void devModeShowsTheSchemaAndRunsEveryDemoFieldWithThePrefilledToken(Vertx vertx) {
    Service service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
    String answer = run(service.running.port(), "{ orgPing(id: \"1\") adminPing(id: \"2\") featurePing(id: \"3\") "
      + "planPing(id: \"4\") sensitivePing(id: \"5\") }");
    assertThat(answer).contains("GraphQL Org Ping #1!", "GraphQL Admin Ping #2!", "GraphQL Feature Ping #3!",
      "GraphQL Plan Ping #4!", "GraphQL Sensitive Ping #5!").doesNotContain("FORBIDDEN");
    // GraphiQL's own introspection passed the document limits: its documentation explorer shows the schema
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    driver.findElement(By.cssSelector(".graphiql-sidebar button[aria-label*='Documentation']")).click();
    wait.until(d -> !d.findElements(By.cssSelector(".graphiql-doc-explorer-type-name")).isEmpty());
    driver.findElements(By.cssSelector(".graphiql-doc-explorer-type-name")).stream()
      .filter(e -> e.getText().equals("Query")).findFirst().orElseThrow().click();
    String fields = wait.until(d -> {
      String text = d.findElement(By.cssSelector(".graphiql-doc-explorer")).getText();
      return text.contains("orgPing") ? text : null;
    });
    assertThat(fields).contains("pingOne", "me", "sensitivePing");
  }

  @Test
  void withoutATokenTheBrowserSeesThe401(Vertx vertx) {
    Map<String, String> env = Service.baseEnv();
    env.put("CLERK_ISSUER_URL", "https://clean-mole-12.clerk.accounts.dev");
    env.put("CLERK_JWT_KEY", TestKeys.pem(TestKeys.RSA_A));
    Service service = Service.start(vertx, env, MutableClock.atNow());
    String response = run(service.running.port(), "{ pingOne(id: \"7\") }");
    assertThat(response).contains("UNAUTHENTICATED").doesNotContain("GraphQL Ping");
  }

  @Test
  void scriptInjectedThroughAPrefilledHeaderIsInert(Vertx vertx) throws Exception {
    String template;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(GraphiQLPage.WEBROOT + "/index.html")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Router router = Router.router(vertx);
    new GraphiQLPage(template, ctx -> Map.of("Authorization", "</script><script>window.pwned=1</script>")).mount(router);
    int port = Service.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    driver.get("http://127.0.0.1:" + port + "/graphiql/");
    new WebDriverWait(driver, Duration.ofSeconds(20))
      .until(d -> !d.findElements(By.cssSelector(".graphiql-execute-button")).isEmpty());
    JavascriptExecutor js = (JavascriptExecutor) driver;
    assertThat(js.executeScript("return window.pwned")).isNull();
    assertThat(js.executeScript("return window.VERTX_GRAPHIQL_CONFIG.headers.Authorization"))
      .isEqualTo("</script><script>window.pwned=1</script>");
  }
}
