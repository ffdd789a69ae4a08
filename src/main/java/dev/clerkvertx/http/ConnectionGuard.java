package dev.clerkvertx.http;

import dev.clerkvertx.ops.OverloadManager;
import dev.clerkvertx.ops.ShedAction;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Admits connections into the process's {@link ConnectionTable} (or closes them when it is full of
 * busy ones, or when the overload manager refuses new connections) and closes those that do not
 * deliver in time: a new connection must send its first byte within the first-byte timeout; each
 * request, head and body, must arrive within the request timeout of the connection opening or of the
 * previous answer. Vert.x's idle timeout restarts with every byte, so a client trickling a header a
 * byte at a time would otherwise hold its socket forever. An idle keep-alive connection is closed
 * after the request timeout too; a request being answered (say, waiting for a JWKS fetch) is never
 * cut. A connection whose answer bytes wait to be sent while its client takes none of them (fewer
 * waiting in Netty's buffer than at the sweep before, or the connection turned writable again, is
 * progress) for the drain timeout is closed, which gives back what they hold (the GraphQL answer
 * budget among them), so a slow client that keeps reading is never cut by it; the next
 * request's timeout starts once the answer is taken, so a slow reader is not cut by it. One sweep per
 * second per event loop; a request costs one map lookup. Confined to its verticle's event loop.
 */
final class ConnectionGuard {
  private static final long SWEEP_MILLIS = 1_000;

  private final Map<HttpConnection, ConnectionTable.Slot> watches = new HashMap<>();
  private final Clock clock;
  private final long timeoutMillis;
  private final long firstByteMillis;
  private final long drainMillis;
  private final ConnectionTable table;
  private final OverloadManager overload;

  ConnectionGuard(Clock clock, Duration requestTimeout, Duration firstByteTimeout, Duration drainTimeout,
                  ConnectionTable table, OverloadManager overload) {
    this.clock = clock;
    this.timeoutMillis = requestTimeout.toMillis();
    this.firstByteMillis = firstByteTimeout.toMillis();
    this.drainMillis = drainTimeout.toMillis();
    this.table = table;
    this.overload = overload;
  }

  /** Sweeps on this event loop until the verticle stops. */
  void start(Vertx vertx) {
    vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
  }

  void opened(HttpConnection connection) {
    if (overload.refusesConnections()) {
      overload.record(ShedAction.CONNECTION_REFUSED);
      connection.close();
      return;
    }
    ConnectionTable.Slot slot = table.admit(connection, clock.millis());
    if (slot == null) {
      connection.close();
      return;
    }
    watches.put(connection, slot);
    connection.closeHandler(v -> {
      watches.remove(connection);
      table.release(slot);
    });
    if (connection instanceof ConnectionBase base) {
      base.channel().pipeline().addFirst(new FirstByte(slot)).addFirst(new Writable(slot));
    }
  }

  /** A request head arrived: its body must follow in time, then the connection is busy until the answer ends. */
  void headArrived(HttpServerRequest request) {
    ConnectionTable.Slot slot = watches.get(request.connection());
    if (slot != null) {
      slot.current = request;
      slot.firstByte = true;
      slot.since = clock.millis();
    }
  }

  /**
   * The process drains: an idle connection closes now; one with a request in progress closes once it
   * is answered, the answer saying {@code Connection: close} when its head is not written yet. A
   * connection still open after {@code timeout} is closed.
   */
  void drain(Duration timeout) {
    for (Map.Entry<HttpConnection, ConnectionTable.Slot> watch : List.copyOf(watches.entrySet())) {
      HttpServerRequest request = watch.getValue().current;
      if (request != null && !request.response().headWritten()) {
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      }
      watch.getKey().shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void sweep() {
    long now = clock.millis();
    watches.forEach((connection, slot) -> {
      long pending = pending(connection);
      if (pending > 0) {
        // answer bytes wait for the client: only the drain timeout applies meanwhile, counted from the
        // last time the client took some (fewer wait than at the last sweep), so a slow reader is not cut
        // (more bytes waiting, a new answer, is no progress; Vert.x queues what Netty's buffer does not take
        // while the connection is not writable and refills it when it turns writable: that turn is progress)
        boolean taken = pending < slot.pendingBytes || slot.writable != slot.writableSeen;
        slot.pendingBytes = pending;
        slot.writableSeen = slot.writable;
        if (slot.pendingSince < 0 || taken) {
          slot.pendingSince = now;
        } else if (now - slot.pendingSince >= drainMillis) {
          table.drainTimedOut();
          // at once, under the pipeline: Vert.x's close would first wait for the unread bytes to be written
          var channel = ((ConnectionBase) connection).channel();
          channel.unsafe().close(channel.voidPromise());
        }
        return;
      }
      if (slot.pendingSince >= 0) {
        // taken since the last sweep: the next head is awaited from now on
        slot.pendingSince = -1;
        slot.since = Math.max(slot.since, now);
      }
      HttpServerRequest request = slot.current;
      if (request != null && request.isEnded()) {
        if (!request.response().ended()) {
          return;
        }
        // answered since the last sweep: the next head is awaited from now on
        slot.current = null;
        slot.since = now;
      }
      long silent = now - slot.since;
      if (!slot.firstByte && silent >= firstByteMillis) {
        table.firstByteTimedOut();
        connection.close();
      } else if (silent >= timeoutMillis) {
        connection.close();
      }
    });
  }

  /** Bytes written to the connection that its client has not taken yet (Netty's outbound buffer). */
  private static long pending(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      var buffer = base.channel().unsafe().outboundBuffer();
      return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
    return 0;
  }

  /** Counts the times a connection turns writable again: its client took answer bytes. */
  private static final class Writable extends ChannelInboundHandlerAdapter {
    private final ConnectionTable.Slot slot;

    Writable(ConnectionTable.Slot slot) {
      this.slot = slot;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable()) {
        slot.writable++;
      }
      ctx.fireChannelWritabilityChanged();
    }
  }

  /** Notes a connection's first bytes, then leaves its pipeline. */
  private static final class FirstByte extends ChannelInboundHandlerAdapter {
    private final ConnectionTable.Slot slot;

    FirstByte(ConnectionTable.Slot slot) {
      this.slot = slot;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      slot.firstByte = true;
      ctx.pipeline().remove(this);
      ctx.fireChannelRead(msg);
    }
  }
}
