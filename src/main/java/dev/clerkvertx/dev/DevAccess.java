package dev.clerkvertx.dev;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who may have a dev token: a caller whose TCP peer is loopback and that no proxy claims to forward
 * for someone else. The one predicate behind {@code POST /dev/token} and GraphiQL's prefilled token.
 */
final class DevAccess {
  private DevAccess() {
  }

  static boolean isLocalCaller(HttpServerRequest request) {
    if (request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null
      || request.getHeader("X-Real-IP") != null) {
      return false;
    }
    String ip = request.connection().remoteAddress().hostAddress();
    return ip != null && (ip.startsWith("127.") || ip.equals("0:0:0:0:0:0:0:1") || ip.equals("::1"));
  }
}
