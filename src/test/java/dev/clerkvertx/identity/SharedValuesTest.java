package dev.clerkvertx.identity;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool of values sessions share: bounded in bytes, every value charged to its budget when first
 * brought in, and a value it cannot take held (and weighed) by the session that carries it.
 */
class SharedValuesTest {
  /** A budget that counts what it is charged, up to {@code limit}. */
  static final class Counted implements SharedValues.Budget {
    final AtomicLong charged = new AtomicLong();
    final long limit;

    Counted(long limit) {
      this.limit = limit;
    }

    @Override
    public boolean charge(long bytes) {
      if (charged.addAndGet(bytes) > limit && bytes > 0) {
        charged.addAndGet(-bytes);
        return false;
      }
      return true;
    }
  }

  static JsonObject claims(int i) {
    return new JsonObject().put("sub", "user_" + i).put("sid", "sess_" + i).put("v", 2).put("azp", "https://app.example")
      .put("fea", "o:feature_" + i + ",u:beta").put("pla", "u:pro")
      .put("o", new JsonObject().put("id", "org_" + i).put("rol", "admin").put("per", "read,write_" + i).put("fpm", "3"));
  }

  @Test
  void everyValueIsChargedToTheBudgetOnceAndThePoolStopsAtItsBound() {
    Counted budget = new Counted(Long.MAX_VALUE);
    SharedValues pool = new SharedValues(64 * 1024, budget);
    IdentityDecoder decoder = new IdentityDecoder(pool);
    ClerkIdentity first = decoder.decode(claims(0));
    long afterFirst = pool.bytes();
    assertThat(afterFirst).isPositive().isEqualTo(budget.charged.get());
    decoder.decode(claims(0).put("sub", "user_other"));
    assertThat(pool.bytes()).as("the same values again cost nothing more").isEqualTo(afterFirst);
    for (int i = 1; i < 2_000; i++) {
      decoder.decode(claims(i));
    }
    assertThat(pool.bytes()).isLessThanOrEqualTo(pool.maxBytes()).isGreaterThan(pool.maxBytes() * 9 / 10);
    assertThat(budget.charged.get()).isEqualTo(pool.bytes());
    ClerkIdentity late = decoder.decode(claims(5_000));
    ClerkIdentity roomy = new IdentityDecoder().decode(claims(5_000));
    // its fea list, feature name, per list and permission name, about 300 bytes
    assertThat(late.estimatedBytes()).as("values the full pool could not take are the session's own")
      .isGreaterThan(roomy.estimatedBytes() + 200);
    assertThat(first.estimatedBytes()).isEqualTo(new IdentityDecoder().decode(claims(0)).estimatedBytes());
    assertThat(late.organization().permissions()).containsExactlyInAnyOrder("org:feature_5000:read", "org:feature_5000:write_5000");
  }

  @Test
  void aBudgetWithoutRoomPoolsNothingAndTheSessionIsWeighedForAll() {
    SharedValues pool = new SharedValues(1 << 20, new Counted(0));
    ClerkIdentity id = new IdentityDecoder(pool).decode(claims(1));
    assertThat(pool.bytes()).isZero();
    ClerkIdentity pooled = new IdentityDecoder().decode(claims(1));
    // besides the values above: the plan list, the role and the authorized party
    assertThat(id.estimatedBytes()).isGreaterThan(pooled.estimatedBytes() + 400);
    assertThat(id.features().grants("beta")).isTrue();
    assertThat(id.organization().hasPermission("org:feature_1:read")).isTrue();
  }

  @Test
  void sessionsWithTheSameNamesShareThem() {
    IdentityDecoder decoder = new IdentityDecoder();
    ClerkIdentity a = decoder.decode(claims(1).put("sub", "user_a"));
    ClerkIdentity b = decoder.decode(claims(1).put("sub", "user_b"));
    assertThat(a.features()).isSameAs(b.features());
    assertThat(a.plans()).isSameAs(b.plans());
    assertThat(a.authorizedParty()).isSameAs(b.authorizedParty());
    assertThat(a.organization().role()).isSameAs(b.organization().role());
  }
}
