package dev.clerkvertx.jwks;

import java.time.Instant;

/**
 * The owner's answer about an unknown {@code kid}: the set it holds now (null when none is loaded)
 * and until when it will not fetch again for an unknown kid ({@link Instant#MIN} when it would).
 */
public record KeyLookup(KeySet keySet, Instant cooldownUntil) {
}
