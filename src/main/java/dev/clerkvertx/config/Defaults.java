package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** Built-in defaults, the layer beneath {@code conf/config.json}, and the list of known variables. */
final class Defaults {
  private Defaults() {
  }

  static final JsonObject JSON = new JsonObject()
    .put("PORT", 8080)
    .put("CLERK_JWKS_COOLDOWN_SECONDS", 30)
    .put("CLERK_CLOCK_SKEW_SECONDS", 5)
    .put("CLERK_JWKS_REFRESH_SECONDS", 300)
    .put("CLERK_JWKS_TIMEOUT_SECONDS", 5)
    .put("CLERK_ACCEPT_PENDING_SESSIONS", false)
    .put("TOKEN_CACHE_SIZE", 10_000)
    .put("SHUTDOWN_GRACE_SECONDS", 10)
    .put("ACCESS_LOG", false);

  static final List<String> KNOWN_KEYS = List.of(
    "PORT", "CLERK_ISSUER_URL", "CLERK_JWKS_URL", "CLERK_PUBLISHABLE_KEY", "CLERK_JWT_KEY",
    "CLERK_AUTHORIZED_PARTIES", "CLERK_JWKS_COOLDOWN_SECONDS", "CLERK_CLOCK_SKEW_SECONDS",
    "CLERK_JWKS_REFRESH_SECONDS", "CLERK_JWKS_TIMEOUT_SECONDS", "CLERK_ACCEPT_PENDING_SESSIONS",
    "HTTP_INSTANCES", "CORS_ALLOWED_ORIGINS", "TOKEN_CACHE_SIZE", "SHUTDOWN_GRACE_SECONDS", "ACCESS_LOG");
}
