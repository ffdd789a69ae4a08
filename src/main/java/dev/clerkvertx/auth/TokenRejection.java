package dev.clerkvertx.auth;

/**
 * Why a token was not accepted. {@link #code()} is stable and fine-grained (logs, tests);
 * {@link #metricLabel()} is one of a small bounded set (metrics); {@link #description()} is the
 * short text sent in {@code error_description}, never containing any part of the token;
 * {@link #status()} is 401, or 403 for a session cookie this request may not use (cross-site).
 */
public enum TokenRejection {
  MISSING_TOKEN("missing_token", "missing", null),
  MALFORMED("malformed_token", "malformed", "malformed token"),
  MULTIPLE_AUTHORIZATION("multiple_authorization_headers", "malformed", "more than one Authorization header"),
  NOT_BEARER("not_bearer", "malformed", "Authorization scheme is not Bearer"),
  UNSUPPORTED_ALGORITHM("unsupported_algorithm", "malformed", "algorithm not allowed"),
  UNKNOWN_CRITICAL_HEADER("unknown_crit", "malformed", "unsupported critical header"),
  MISSING_KID("missing_kid", "unknown_kid", "token has no key id"),
  UNKNOWN_KID("unknown_kid", "unknown_kid", "unknown signing key"),
  BAD_SIGNATURE("bad_signature", "bad_signature", "signature verification failed"),
  INVALID_CLAIM("invalid_claim", "malformed", "a time claim is not a number"),
  MISSING_EXP("missing_exp", "malformed", "token has no expiry"),
  EXPIRED("expired", "expired", "token expired"),
  NOT_YET_VALID("not_yet_valid", "not_yet_valid", "token not yet valid"),
  ISSUED_IN_FUTURE("issued_in_future", "not_yet_valid", "token issued in the future"),
  ISSUER_MISMATCH("issuer_mismatch", "issuer", "unexpected issuer"),
  MISSING_SUBJECT("missing_subject", "malformed", "token has no subject"),
  AZP_NOT_ALLOWED("azp_not_allowed", "azp", "authorized party not allowed"),
  SESSION_PENDING("session_pending", "pending", "session is pending"),
  NOT_SESSION_CATEGORY("token_category", "not_session", "not a session token"),
  NOT_SESSION_TYPE("token_type", "not_session", "not a session token"),
  MACHINE_TOKEN("machine_token", "not_session", "not a session token"),
  MISSING_SESSION_ID("missing_session_id", "not_session", "not a session token"),
  NON_CANONICAL_BASE64URL("non_canonical_base64url", "malformed", "token is not canonical base64url"),
  CLIENT_UAT_SIGNED_OUT("client_uat_signed_out", "signed_out", "signed out: __client_uat is absent or 0"),
  STALE_SESSION_COOKIE("stale_session_cookie", "signed_out", "session token issued before __client_uat"),
  COOKIE_CROSS_SITE("cookie_cross_site", "cross_site", "session cookie sent by another site", 403),
  COOKIE_FOREIGN_ORIGIN("cookie_foreign_origin", "cross_site", "session cookie sent from an origin not allowed", 403);

  private final String code;
  private final String metricLabel;
  private final String description;
  private final int status;

  TokenRejection(String code, String metricLabel, String description) {
    this(code, metricLabel, description, 401);
  }

  TokenRejection(String code, String metricLabel, String description, int status) {
    this.code = code;
    this.metricLabel = metricLabel;
    this.description = description;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public String metricLabel() {
    return metricLabel;
  }

  /** Text for {@code error_description}; null for a missing token, which RFC 6750 answers without an error. */
  public String description() {
    return description;
  }

  /** 401, or 403 when a valid-looking session cookie came with a request it may not authenticate. */
  public int status() {
    return status;
  }
}
