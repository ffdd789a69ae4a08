package dev.clerkvertx.jwks;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The one owner of the verification keys in the process: it runs the {@link KeySource} on its event
 * loop and serves the {@link KeyChannel}: publishes every new set, answers for the current set, for
 * unknown {@code kid}s and for refreshes. Nothing else.
 */
public final class KeyOwnerVerticle extends VerticleBase {
  private final KeySource source;
  private final KeyChannel channel;

  public KeyOwnerVerticle(KeySource source, KeyChannel channel) {
    this.source = source;
    this.channel = channel;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    bus.<Void>localConsumer(channel.current, msg -> {
      KeySet set = source.current();
      if (set == null) {
        msg.fail(503, "no verification keys loaded");
      } else {
        msg.reply(set);
      }
    });
    bus.<String>localConsumer(channel.unknownKid, msg -> source.lookup(msg.body()).onSuccess(msg::reply));
    bus.<Void>localConsumer(channel.refresh, msg -> source.refreshNow().onSuccess(msg::reply));
    return source.start(vertx, set -> bus.publish(channel.updated, set));
  }

  @Override
  public Future<?> stop() {
    source.stop();
    return Future.succeededFuture();
  }
}
