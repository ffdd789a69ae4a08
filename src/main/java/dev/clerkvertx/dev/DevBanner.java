package dev.clerkvertx.dev;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** The loud dev-mode notice with a ready-to-paste curl command; printed to stdout, never logged. */
final class DevBanner {
  private DevBanner() {
  }

  static void print(int port, DevIssuer issuer, List<String> corsOrigins) {
    String base = "http://localhost:" + port;
    String token = issuer.mint(new JsonObject(), DevIssuer.DEFAULT_LIFETIME);
    String line = "=".repeat(78);
    System.out.println(String.join(System.lineSeparator(),
      line,
      "  DEV MODE - NOT FOR PRODUCTION",
      "  No Clerk instance is configured, so clerk-vertx signs its own tokens with a key",
      "  generated at start (issuer " + issuer.issuer() + "). Set CLERK_ISSUER_URL to use Clerk.",
      "",
      "  Try it (token valid for " + DevIssuer.DEFAULT_LIFETIME.toMinutes() + " minutes):",
      "",
      "  curl -H \"Authorization: Bearer " + token + "\" " + base + "/rest-endpoints/12345",
      "",
      "  GraphiQL, token prefilled: " + base + "/graphiql/",
      "  More tokens:  curl -X POST " + base + "/dev/token -H 'Content-Type: application/json' \\",
      "                  -d '{\"claims\":{\"sub\":\"user_2\"},\"lifetimeSeconds\":60}'",
      "  Browsers may call it from: " + (corsOrigins.isEmpty() ? "no other origin" : String.join(", ", corsOrigins))
        + " (CORS_ALLOWED_ORIGINS)",
      line));
  }
}
