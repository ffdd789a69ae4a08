package dev.clerkvertx.dev;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may have a dev token: a caller whose TCP peer is loopback, that no proxy claims to forward for
 * someone else, and that addressed this machine by a loopback name ({@code Host} exactly
 * {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, any port): a page whose own host name an
 * attacker re-pointed at 127.0.0.1 (DNS rebinding) sends its own name as {@code Host}. The one
 * predicate behind every dev route and GraphiQL's prefilled token; their answers never carry CORS headers.
 */
final class DevAccess {
  private static final Pattern LOOPBACK_HOST = Pattern.compile("(?i)(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]{1,5})?");
  private static final List<String> FORWARDING = List.of("forwarded", "x-real-ip", "via", "true-client-ip",
    "cf-connecting-ip", "x-client-ip", "x-cluster-client-ip", "fastly-client-ip", "x-original-forwarded-for");

  private DevAccess() {
  }

  static boolean isLocalCaller(HttpServerRequest request) {
    MultiMap headers = request.headers();
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-forwarded-") || FORWARDING.contains(name)) {
        return false;
      }
    }
    List<String> host = headers.getAll(HttpHeaders.HOST);
    if (host.size() != 1 || !LOOPBACK_HOST.matcher(host.get(0)).matches() || !request.uri().startsWith("/")) {
      return false;
    }
    String ip = request.connection().remoteAddress().hostAddress();
    return ip != null && (ip.startsWith("127.") || ip.equals("0:0:0:0:0:0:0:1") || ip.equals("::1"));
  }

  /** Removes every {@code Access-Control-*} header: no other origin may read a dev answer. */
  static void withoutCors(MultiMap responseHeaders) {
    responseHeaders.names().stream().filter(n -> n.regionMatches(true, 0, "Access-Control-", 0, 15)).toList()
      .forEach(responseHeaders::remove);
  }
}
