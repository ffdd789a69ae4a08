package dev.clerkvertx.http;

import dev.clerkvertx.config.ConfigException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether a listening port can be bound, asked at the very start: a port already taken is reported
 * at once, naming its setting, not after the first JWKS fetch. Blocking (one bind and close): call it
 * off the event loops.
 */
public final class PortCheck {
  private PortCheck() {
  }

  /** Throws a {@link ConfigException} naming {@code setting} unless {@code host:port} can be listened on (0: any port). */
  public static void requireFree(String setting, String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      // as Vert.x binds: a port whose last connections are still in TIME_WAIT is free
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      String why = String.valueOf(e.getMessage());
      throw new ConfigException(setting, why.contains("in use")
        ? port + " is already in use on " + host + ": another process listens there; stop it or set " + setting
          + " to a free port"
        : "cannot listen on " + host + ":" + port + " (" + why + ")");
    }
  }
}
