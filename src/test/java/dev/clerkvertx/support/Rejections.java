package dev.clerkvertx.support;

import dev.clerkvertx.auth.AuthEvents;
import dev.clerkvertx.auth.TokenRejection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the reason of every 401 the service answers, so tests assert codes, not message text. */
public final class Rejections implements AuthEvents {
  private final List<TokenRejection> seen = new CopyOnWriteArrayList<>();

  @Override
  public void rejected(TokenRejection r) {
    seen.add(r);
  }

  @Override
  public void accepted(boolean cached) {
  }

  @Override
  public void unavailable() {
  }

  public TokenRejection last() {
    return seen.isEmpty() ? null : seen.get(seen.size() - 1);
  }

  public List<TokenRejection> all() {
    return List.copyOf(seen);
  }

  public void clear() {
    seen.clear();
  }
}
