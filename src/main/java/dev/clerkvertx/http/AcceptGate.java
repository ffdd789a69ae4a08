package dev.clerkvertx.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bound on sockets accepted and not yet closed, kept where they are accepted: in the listening
 * socket's pipeline, on Vert.x's acceptor thread. The {@link ConnectionTable} bounds the connections the
 * event loops have taken in; an accepted socket waits in its event loop's task queue until then, and
 * an evicted one until its close runs there. While the event loops are busy (requests pipelined by the
 * thousand on each of many short connections), the acceptor, which is not, handed them sockets without
 * end: against the packaged jar (-Xmx96m) two clients opening such connections put 16,000 accepted
 * sockets and 9,000 Vert.x connections in the heap, beside a table of 1,074, and it died of
 * {@code OutOfMemoryError} within seconds. Beyond {@link ConnectionTable#maxSockets()} a socket is now
 * closed as it is accepted, before it costs an event loop anything (counted as its own reason,
 * {@code accept_bound}, beside the table's).
 * <p>
 * Vert.x has no hook at accept time: the listening channel is found in its server by reflection
 * ({@link #install}), pinned by {@code AcceptFloodTest}, which fails when it is not found.
 */
@ChannelHandler.Sharable
final class AcceptGate extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(AcceptGate.class);
  static final String NAME = "clerk-accept-gate";

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder refused = new LongAdder();

  AcceptGate(int max) {
    this.max = max;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Channel child) {
      if (open.incrementAndGet() > max) {
        open.decrementAndGet();
        refused.increment();
        // not registered with any event loop yet: closed here, at once
        child.unsafe().closeForcibly();
        return;
      }
      child.closeFuture().addListener(f -> open.decrementAndGet());
    }
    ctx.fireChannelRead(msg);
  }

  /** Sockets closed as they were accepted. */
  long refused() {
    return refused.sum();
  }

  /**
   * Puts the gate in front of {@code server}'s listening socket (once, however many verticles share it);
   * a warning when this Vert.x keeps it where it is not looked for.
   */
  void install(HttpServer server) {
    try {
      Object tcp = field(server, "tcpServer");
      Object actual = field(tcp, "actualServer");
      Object bound = field(actual == null ? tcp : actual, "bindFuture");
      Channel listening = ((io.vertx.core.Future<?>) bound).result() instanceof Channel c ? c : null;
      if (listening == null) {
        throw new IllegalStateException("no listening channel");
      }
      synchronized (listening) {
        if (listening.pipeline().get(NAME) == null) {
          listening.pipeline().addFirst(NAME, this);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("Sockets accepted beyond the connection maximum cannot be refused at accept time ({}): "
        + "under a flood they wait for the event loops", e.toString());
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
      } catch (NoSuchFieldException e) {
        // a superclass may declare it
      }
    }
    throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
  }
}
