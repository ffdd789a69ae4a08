package dev.clerkvertx.auth;

/**
 * The session token a request presents, and whether it came as exactly {@code Authorization: Bearer
 * <token>} (so the header can be handed to {@code JWTAuthHandler} as it is).
 */
public record PresentedToken(String token, boolean canonicalHeader) {
}
