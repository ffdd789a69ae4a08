package dev.clerkvertx.hostile;

import dev.clerkvertx.support.MutableClock;
import dev.clerkvertx.support.Service;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: in dev mode, a caller behind a proxy (or claiming to be) was refused by
 * {@code POST /dev/token} but handed a fresh token by the GraphiQL page. One predicate decides both.
 */
@ExtendWith(VertxExtension.class)
class DevTokenPrefillTest {
  static final Pattern CONFIG = Pattern.compile("window\\.VERTX_GRAPHIQL_CONFIG=(\\{.*?\\})</script>");
  static final Map<String, String> FORWARDED = Map.of("X-Forwarded-For", "203.0.113.9",
    "Forwarded", "for=203.0.113.9", "X-Real-IP", "203.0.113.9");

  Service service;

  @BeforeEach
  void start(Vertx vertx) {
    service = Service.start(vertx, Service.baseEnv(), MutableClock.atNow(), true);
  }

  JsonObject pageConfig(String header, String value) {
    var req = service.client.get("/graphiql/");
    if (header != null) {
      req.putHeader(header, value);
    }
    Matcher m = CONFIG.matcher(Service.await(req.send()).bodyAsString());
    assertThat(m.find()).isTrue();
    return new JsonObject(m.group(1));
  }

  int mintStatus(String header, String value) {
    return Service.await(service.client.post("/dev/token").putHeader(header, value).send()).statusCode();
  }

  @Test
  void callersRefusedATokenByMintingGetNoneFromGraphiQLEither() {
    FORWARDED.forEach((header, value) -> {
      assertThat(mintStatus(header, value)).as(header).isEqualTo(403);
      assertThat(pageConfig(header, value).containsKey("headers")).as(header).isFalse();
    });
  }

  @Test
  void localCallersGetAWorkingTokenFromBoth() {
    String prefilled = pageConfig(null, null).getJsonObject("headers").getString("Authorization");
    assertThat(prefilled).startsWith("Bearer ");
    assertThat(service.get("/rest-endpoints/1", prefilled.substring("Bearer ".length())).statusCode()).isEqualTo(200);
  }
}
