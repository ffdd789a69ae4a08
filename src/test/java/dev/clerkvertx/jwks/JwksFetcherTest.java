package dev.clerkvertx.jwks;

import dev.clerkvertx.support.JwksServer;
import dev.clerkvertx.support.JwksServer.Behaviour;
import dev.clerkvertx.support.Service;
import dev.clerkvertx.support.TestKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a JWKS endpoint can fail maps to one stable failure code; a good one yields its keys. */
@ExtendWith(VertxExtension.class)
class JwksFetcherTest {
  JwksServer server;
  JwksFetcher fetcher;

  @BeforeEach
  void start(Vertx vertx) {
    server = Service.await(new JwksServer(vertx).start());
    server.serve(TestKeys.jwk(TestKeys.RSA_A, "a"), TestKeys.jwk(TestKeys.RSA_B, "b"));
    fetcher = new JwksFetcher(WebClient.create(vertx), server.url(), Duration.ofMillis(700));
  }

  JwksFailure failureOf(Future<List<RsaJwk>> f) {
    Throwable err = Service.await(f.map(k -> (Throwable) null).otherwise(t -> t));
    assertThat(err).isInstanceOf(JwksException.class);
    return ((JwksException) err).failure();
  }

  @Test
  void fetchesUsableKeys() {
    List<RsaJwk> keys = Service.await(fetcher.fetch());
    assertThat(keys).extracting(RsaJwk::kid).containsExactly("a", "b");
  }

  @Test
  void connectionRefused() {
    server.down();
    assertThat(failureOf(fetcher.fetch())).isEqualTo(JwksFailure.CONNECT_FAILED);
  }

  @Test
  void serverError() {
    server.behave(Behaviour.STATUS_500);
    assertThat(failureOf(fetcher.fetch())).isEqualTo(JwksFailure.HTTP_STATUS);
  }

  @Test
  void slowBeyondTheTimeout() {
    server.behave(Behaviour.SLOW);
    long start = System.nanoTime();
    assertThat(failureOf(fetcher.fetch())).isEqualTo(JwksFailure.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void garbageBody() {
    server.behave(Behaviour.GARBAGE);
    assertThat(failureOf(fetcher.fetch())).isEqualTo(JwksFailure.NOT_JSON);
  }

  @Test
  void htmlErrorPage() {
    server.behave(Behaviour.HTML);
    assertThat(failureOf(fetcher.fetch())).isEqualTo(JwksFailure.NOT_JSON);
  }

  @Test
  void bodyOverTheSizeLimit() {
    server.behave(Behaviour.HUGE);
    assertThat(failureOf(fetcher.fetch())).isEqualTo(JwksFailure.TOO_LARGE);
  }

  @Test
  void emptyKeySetIsAFailureNeverAnEmptySet() {
    server.behave(Behaviour.EMPTY_SET);
    assertThat(failureOf(fetcher.fetch())).isEqualTo(JwksFailure.NO_USABLE_KEY);
  }

  @Test
  void setWithoutUsableRsaKey() {
    server.behave(Behaviour.NO_USABLE_KEY);
    assertThat(failureOf(fetcher.fetch())).isEqualTo(JwksFailure.NO_USABLE_KEY);
  }
}
