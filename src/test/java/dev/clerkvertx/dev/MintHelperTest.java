package dev.clerkvertx.dev;

import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code mint()} shell helper the README and docs define, run as written (bash and curl) against
 * dev mode: it prints a token that works, and on a refused request it fails, printing the refusal on
 * stderr, rather than passing the error text on as a "token" that then earns a puzzling 401.
 */
@ExtendWith(VertxExtension.class)
class MintHelperTest {
  static final Pattern MINT = Pattern.compile("(?ms)^mint\\(\\) \\{.*?^}$");
  static final List<Path> DOCUMENTS = List.of(Path.of("README.md"), Path.of("docs", "notes-api.md"),
    Path.of("docs", "authorization.md"));

  Service service;

  record Run(int status, String stdout, String stderr) {
  }

  @BeforeEach
  void start(Vertx vertx) {
    service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
  }

  static String mintOf(Path document) throws IOException {
    Matcher m = MINT.matcher(Files.readString(document));
    assertThat(m.find()).as("a mint() helper in " + document).isTrue();
    return m.group();
  }

  Run mint(String helper, String body) throws Exception {
    String script = helper.replace("http://localhost:8080/", "http://localhost:" + service.running.port() + "/")
      + "\nmint \"$1\"\n";
    Process p = new ProcessBuilder("bash", "-c", script, "mint", body).start();
    p.getOutputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("mint() finished").isTrue();
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
      new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
  }

  @Test
  void everyDocumentDefinesTheSameHelper() throws IOException {
    String readme = mintOf(DOCUMENTS.get(0));
    for (Path doc : DOCUMENTS) {
      assertThat(mintOf(doc)).as(doc.toString()).isEqualTo(readme);
    }
  }

  @Test
  void printsATokenThatWorks() throws Exception {
    Run run = mint(mintOf(Path.of("README.md")), "{\"org\":{\"id\":\"org_1\",\"slug\":\"acme\",\"role\":\"member\"}}");
    assertThat(run.status()).isZero();
    assertThat(run.stderr()).isEmpty();
    assertThat(service.get("/me", run.stdout()).bodyAsJsonObject().getString("orgId")).isEqualTo("org_1");
  }

  @Test
  void aRefusedRequestFailsWithTheRefusalOnStderrAndNoToken() throws Exception {
    Run run = mint(mintOf(Path.of("README.md")), "{\"orgs\":{\"id\":\"org_1\"}}");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).startsWith("mint: {\"message\":\"unknown field orgs;");
  }
}
