package dev.clerkvertx.support;

import dev.clerkvertx.auth.TokenRejection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records the reason of every 401 the service answers, so tests assert codes, not message text. */
public final class Rejections implements Consumer<TokenRejection> {
  private final List<TokenRejection> seen = new CopyOnWriteArrayList<>();

  @Override
  public void accept(TokenRejection r) {
    seen.add(r);
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
