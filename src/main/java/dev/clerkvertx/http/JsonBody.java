package dev.clerkvertx.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/** The two steps of a JSON body around the body handler: its content type before, its parse after. */
final class JsonBody {
  private JsonBody() {
  }

  /** 415 for a body that is not JSON ({@code application/json} or {@code application/*+json}), before it is read. */
  static void acceptable(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (hasBody(request) && !isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
      Reply.error(ctx, 415, "send the body as application/json");
      return;
    }
    ctx.next();
  }

  /** 400 unless the body is a JSON object; it is then parsed once, for {@code ctx.body().asJsonObject()}. */
  static void parse(RoutingContext ctx) {
    if (ctx.body().length() <= 0) {
      Reply.error(ctx, 400, "a JSON object body is required");
      return;
    }
    try {
      ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      // the decoder's message may quote the body: never echoed
      Reply.error(ctx, 400, "the body is not a JSON object");
      return;
    }
    ctx.next();
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !length.strip().equals("0"));
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
