package dev.clerkvertx.auth;

import io.vertx.core.json.JsonObject;

/** A structurally valid compact JWS whose header passed the algorithm and {@code crit} rules; not yet verified. */
public record ParsedToken(String raw, JsonObject header, JsonObject payload, String kid) {
}
