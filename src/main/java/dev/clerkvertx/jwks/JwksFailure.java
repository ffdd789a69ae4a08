package dev.clerkvertx.jwks;

/** Why a JWKS fetch produced no usable key set. Codes are stable: logs and metrics use them. */
public enum JwksFailure {
  CONNECT_FAILED("jwks_connect_failed"),
  TIMEOUT("jwks_timeout"),
  HTTP_STATUS("jwks_http_status"),
  NOT_JSON("jwks_not_json"),
  TOO_LARGE("jwks_too_large"),
  NOT_A_JWKS("jwks_not_a_jwks"),
  NO_USABLE_KEY("jwks_no_usable_key");

  private final String code;

  JwksFailure(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
