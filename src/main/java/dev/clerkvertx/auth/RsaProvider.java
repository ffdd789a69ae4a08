package dev.clerkvertx.auth;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Locale;

/**
 * Which JCA provider verifies RS256. vertx-auth-jwt asks {@code Signature.getInstance("SHA256withRSA")}
 * without naming a provider, so the provider first in the JVM's list verifies every token. With
 * {@link Choice#AUTO} the Amazon Corretto Crypto Provider (AWS-LC; measured here at about 45,000
 * single-thread 2048-bit verifications a second against the JDK 17's 27,000-30,000) goes first where its
 * native library loads and its self-test passes; elsewhere (macOS, other CPUs) the JDK's provider stays.
 * Both refuse the same signatures (wrong length, value at or above the modulus, other paddings, other
 * keys): {@code RsaSignatureEdgeTest} runs each case under each provider.
 */
public final class RsaProvider {
  static final String CORRETTO = "AmazonCorrettoCryptoProvider";

  /** The {@code RSA_PROVIDER} setting. */
  public enum Choice {
    AUTO, JDK;

    public static Choice parse(String value) {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
  }

  private RsaProvider() {
  }

  /**
   * Puts the chosen provider first for this JVM (process-wide, as JCA providers are) and says which
   * one now verifies, and why when {@code auto} fell back to the JDK.
   */
  public static String apply(Choice choice) {
    String fallback = "";
    if (choice == Choice.JDK) {
      Security.removeProvider(CORRETTO);
    } else if (Security.getProvider(CORRETTO) == null) {
      fallback = installCorretto();
    }
    Provider verifying = verifyingProvider();
    return verifying.getName() + " " + verifying.getVersionStr() + " (RSA_PROVIDER=" + choice.name().toLowerCase(Locale.ROOT)
      + (fallback.isEmpty() ? "" : "; " + fallback) + ")";
  }

  /** The provider that {@code Signature.getInstance("SHA256withRSA")} returns now. */
  public static Provider verifyingProvider() {
    try {
      return Signature.getInstance("SHA256withRSA").getProvider();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no provider verifies SHA256withRSA", e);
    }
  }

  /** Installs the Corretto provider first; an empty string when it did, else why the JDK stays. */
  private static String installCorretto() {
    try {
      AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
      if (accp.getLoadingError() != null) {
        return "Corretto's native library did not load here (" + accp.getLoadingError() + "): the JDK verifies";
      }
      accp.assertHealthy();
      Security.insertProviderAt(accp, 1);
      return "";
    } catch (LinkageError | RuntimeException e) {
      // no jar for this platform, a native library that does not link, or a failed self-test
      return "Corretto is not usable here (" + e + "): the JDK verifies";
    }
  }
}
