package dev.clerkvertx.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes a Clerk publishable key ({@code pk_test_…}/{@code pk_live_…}) into the instance's
 * Frontend API URL, as Clerk's SDKs do: base64 of the host followed by a {@code $}.
 */
public final class PublishableKey {
  private PublishableKey() {
  }

  /** Returns {@code https://<frontend-api-host>}; throws naming {@code CLERK_PUBLISHABLE_KEY} when invalid. */
  public static String issuerOf(String key) {
    String encoded;
    if (key.startsWith("pk_test_")) {
      encoded = key.substring("pk_test_".length());
    } else if (key.startsWith("pk_live_")) {
      encoded = key.substring("pk_live_".length());
    } else {
      throw invalid("must start with pk_test_ or pk_live_");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(pad(encoded)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("the part after the prefix is not base64");
    }
    if (!decoded.endsWith("$")) {
      throw invalid("does not decode to a Frontend API host ending in $");
    }
    String host = decoded.substring(0, decoded.length() - 1);
    if (host.isEmpty() || !host.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
      throw invalid("does not decode to a valid host name");
    }
    return "https://" + host;
  }

  private static String pad(String s) {
    int rem = s.length() % 4;
    return rem == 0 ? s : s + "=".repeat(4 - rem);
  }

  private static ConfigException invalid(String why) {
    return new ConfigException("CLERK_PUBLISHABLE_KEY", "not a Clerk publishable key: " + why);
  }
}
