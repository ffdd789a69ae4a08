package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The bottom layer: the repository's {@code conf/config.json} as packaged in the jar (so the
 * defaults are written in one place), and the list of variables read from the environment.
 */
final class Defaults {
  private Defaults() {
  }

  private static final JsonObject BUNDLED = new JsonObject(Resources.text("conf/config.json"));

  /** A copy of the packaged defaults. */
  static JsonObject bundled() {
    return BUNDLED.copy();
  }

  static final List<String> KNOWN_KEYS = List.of(
    "PORT", "CLERK_ISSUER_URL", "CLERK_JWKS_URL", "CLERK_PUBLISHABLE_KEY", "CLERK_JWT_KEY",
    "CLERK_AUTHORIZED_PARTIES", "CLERK_JWKS_COOLDOWN_SECONDS", "CLERK_CLOCK_SKEW_SECONDS",
    "CLERK_JWKS_REFRESH_SECONDS", "CLERK_JWKS_TIMEOUT_SECONDS", "CLERK_ACCEPT_PENDING_SESSIONS",
    "HTTP_INSTANCES", "CORS_ALLOWED_ORIGINS", "TOKEN_CACHE_SIZE", "SHUTDOWN_GRACE_SECONDS", "ACCESS_LOG");
}
