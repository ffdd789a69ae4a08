package dev.clerkvertx.config;

/** Configuration that cannot be used; the message always names the offending variable. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /** The configuration variable at fault, e.g. {@code CLERK_ISSUER_URL}. */
  public String key() {
    return key;
  }
}
