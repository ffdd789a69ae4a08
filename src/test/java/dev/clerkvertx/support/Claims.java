package dev.clerkvertx.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Clerk v2 session-token claims, valid at the given clock, from the given issuer. */
public final class Claims {
  private Claims() {
  }

  public static JsonObject valid(MutableClock clock, String issuer) {
    long now = clock.epochSecond();
    return new JsonObject()
      .put("azp", "http://localhost:3000")
      .put("exp", now + 60)
      .put("fva", new JsonArray().add(0).add(-1))
      .put("iat", now)
      .put("iss", issuer)
      .put("nbf", now - 10)
      .put("sid", "sess_2abc")
      .put("sts", "active")
      .put("sub", "user_2xyz")
      .put("v", 2);
  }

  public static JsonObject header(String kid) {
    JsonObject h = new JsonObject().put("alg", "RS256").put("typ", "JWT");
    if (kid != null) {
      h.put("kid", kid);
    }
    return h;
  }
}
