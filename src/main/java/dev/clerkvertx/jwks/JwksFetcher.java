package dev.clerkvertx.jwks;

import io.vertx.core.Future;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET of the JWKS URL: 200, a JSON content type, a body under {@link #MAX_BODY_BYTES}, within
 * the total timeout. Every failure is a {@link JwksException} with a {@link JwksFailure} code.
 */
public final class JwksFetcher {
  /** A one-key JWKS is about 430 bytes; anything this large is not a key set. */
  public static final int MAX_BODY_BYTES = 512 * 1024;

  private final WebClient client;
  private final String url;
  private final long timeoutMillis;

  public JwksFetcher(WebClient client, String url, Duration timeout) {
    this.client = client;
    this.url = url;
    this.timeoutMillis = timeout.toMillis();
  }

  public String url() {
    return url;
  }

  /** Fetches and filters the keys; never yields an empty list. */
  public Future<List<RsaJwk>> fetch() {
    BoundedSink sink = new BoundedSink(MAX_BODY_BYTES);
    return client.getAbs(url)
      .putHeader("Accept", "application/json")
      .timeout(timeoutMillis)
      .as(BodyCodec.pipe(sink, false))
      .send()
      // a server that trickles bytes never trips the idle timeout: bound the whole exchange too
      .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
      .recover(err -> Future.failedFuture(classify(err, sink)))
      .expecting(HttpResponseExpectation.SC_OK.wrappingFailure((resp, err) ->
        new JwksException(JwksFailure.HTTP_STATUS, "HTTP " + resp.statusCode())))
      .expecting(HttpResponseExpectation.contentType("application/json", "application/jwk-set+json")
        .wrappingFailure((resp, err) ->
          new JwksException(JwksFailure.NOT_JSON, "content type " + resp.getHeader("Content-Type"))))
      .map(resp -> parse(sink));
  }

  private static List<RsaJwk> parse(BoundedSink sink) {
    Object json;
    try {
      json = Json.decodeValue(sink.body());
    } catch (DecodeException e) {
      throw new JwksException(JwksFailure.NOT_JSON, "body is not JSON");
    }
    if (json instanceof JsonObject document) {
      return KeySetParser.usableKeys(document);
    }
    throw new JwksException(JwksFailure.NOT_A_JWKS, "body is not a JSON object");
  }

  private static Throwable classify(Throwable err, BoundedSink sink) {
    if (sink.overflowed()) {
      return new JwksException(JwksFailure.TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes");
    }
    if (err instanceof JwksException) {
      return err;
    }
    if (err instanceof TimeoutException || err.getClass().getSimpleName().contains("Timeout")) {
      return new JwksException(JwksFailure.TIMEOUT, "no complete answer in time");
    }
    if (err instanceof ConnectException) {
      return new JwksException(JwksFailure.CONNECT_FAILED, err.getMessage());
    }
    return new JwksException(JwksFailure.CONNECT_FAILED, err.getClass().getSimpleName() + ": " + err.getMessage());
  }
}
