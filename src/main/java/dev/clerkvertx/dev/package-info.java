/** Dev mode: an embedded issuer with a generated key, its JWKS, and loopback-only token minting. */
package dev.clerkvertx.dev;
