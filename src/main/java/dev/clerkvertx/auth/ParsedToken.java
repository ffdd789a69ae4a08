package dev.clerkvertx.auth;

import io.vertx.core.json.JsonObject;

/** A structurally valid compact JWS whose header passed the algorithm, {@code crit} and token-class rules; not yet verified. */
public record ParsedToken(String raw, JsonObject payload, String kid) {
}
