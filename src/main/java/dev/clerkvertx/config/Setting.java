package dev.clerkvertx.config;

/**
 * The one table of settings: name, default, bounds, whether the value is secret, and what it
 * means. It drives parsing ({@link SettingValues}), the bottom configuration layer, the start-up
 * summary, and the README's configuration table ({@code SettingsTableTest} compares them).
 */
public enum Setting {
  PORT(Type.INT, "8080", 0, 65_535, "HTTP port"),
  CLERK_ISSUER_URL(Type.TEXT, null, "none",
    "Clerk Frontend API URL; a trailing `/` or `/.well-known/jwks.json` is tolerated; `https` (plain `http` only for "
      + "`localhost`, `127.0.0.0/8`, `::1`)"),
  CLERK_JWKS_URL(Type.TEXT, null, "`${CLERK_ISSUER_URL}/.well-known/jwks.json`",
    "where keys are fetched (not with `CLERK_JWT_KEY`)"),
  CLERK_PUBLISHABLE_KEY(Type.TEXT, null, "none",
    "`pk_test_…`/`pk_live_…`; gives the issuer when `CLERK_ISSUER_URL` is unset"),
  CLERK_JWT_KEY(Type.SECRET, null, "none", "PEM public key for networkless verification (no JWKS fetch)"),
  CLERK_AUTHORIZED_PARTIES(Type.LIST, null, "none (azp not checked)",
    "comma-separated origins allowed in `azp`; when set, a token without `azp` is rejected"),
  CLERK_JWKS_COOLDOWN_SECONDS(Type.INT, "30", 1, 86_400,
    "least time between two fetches caused by unknown `kid`s; at most the refresh period"),
  CLERK_CLOCK_SKEW_SECONDS(Type.INT, "5", 0, 300, "tolerance for `exp`/`nbf`/`iat`"),
  CLERK_JWKS_REFRESH_SECONDS(Type.INT, "300", 10, 86_400, "periodic key refresh"),
  CLERK_JWKS_TIMEOUT_SECONDS(Type.INT, "5", 1, 60,
    "total time allowed for one JWKS fetch; less than the refresh period"),
  CLERK_ACCEPT_PENDING_SESSIONS(Type.BOOL, "false", "accept tokens whose `sts` is `pending`"),
  HTTP_INSTANCES(Type.INT, null, 1, 256, "number of cores", "event-loop verticle instances"),
  CORS_ALLOWED_ORIGINS(Type.LIST, null, "the authorized parties",
    "comma-separated browser origins allowed to call the API (`*`: any, without credentials)"),
  TOKEN_CACHE_SIZE(Type.INT, "auto", 0, 10_000_000, "`auto`",
    "verified sessions kept in memory; `auto` fits them in a share of the heap, a larger number is capped to it; "
      + "0 turns the cache off"),
  SHUTDOWN_GRACE_SECONDS(Type.INT, "10", 0, 600, "how long in-flight requests may run after SIGTERM"),
  ACCESS_LOG(Type.BOOL, "false", "one log line per request"),
  HTTP_MAX_HEADER_BYTES(Type.INT, "16384", 4_096, 65_536, "largest request head; larger ones get 431"),
  HTTP_REQUEST_TIMEOUT_SECONDS(Type.INT, "10", 1, 300,
    "a connection must deliver each request, head and body, within this time of opening or of its previous "
      + "answer; idle keep-alive connections close after it too"),
  GRAPHQL_MAX_BODY_BYTES(Type.INT, "65536", 1_024, 1_048_576, "largest `/graphql` POST body; larger ones get 413"),
  GRAPHQL_MAX_QUERY_LENGTH(Type.INT, "16384", 256, 1_048_576,
    "largest GraphQL document, in characters, refused before parsing"),
  GRAPHQL_MAX_TOKENS(Type.INT, "2000", 100, 100_000, "parser tokens in one document"),
  GRAPHQL_MAX_OPERATIONS(Type.INT, "10", 1, 1_000, "operations in one document"),
  GRAPHQL_MAX_FRAGMENTS(Type.INT, "50", 0, 1_000, "fragment definitions in one document"),
  GRAPHQL_MAX_DEPTH(Type.INT, "20", 2, 200, "nesting of field selections, fragments expanded"),
  GRAPHQL_MAX_FIELDS(Type.INT, "500", 1, 100_000,
    "field selections of a document's operations, fragments expanded, aliases counted"),
  GRAPHQL_DOCUMENT_CACHE_BYTES(Type.INT, "4194304", 0, 268_435_456,
    "parsed-document cache per event loop, by estimated bytes; 0 turns it off"),
  SHUTDOWN_DELAY_SECONDS(Type.INT, "5", 0, 300,
    "after SIGTERM, how long the listener keeps serving while `/ready` answers 503 (keep-alive connections are told "
      + "`Connection: close`, idle ones closed), before `SHUTDOWN_GRACE_SECONDS` starts"),
  LOG_FORMAT(Type.TEXT, "text", "`text`, or `json`: one JSON object per line");

  /** How a value is written and parsed. */
  public enum Type { INT, BOOL, TEXT, SECRET, LIST }

  private final Type type;
  private final String defaultValue;
  private final long min;
  private final long max;
  private final String defaultText;
  private final String meaning;

  Setting(Type type, String defaultValue, long min, long max, String meaning) {
    this(type, defaultValue, min, max, "`" + defaultValue + "`", meaning);
  }

  Setting(Type type, String defaultValue, String meaning) {
    this(type, defaultValue, 0, 0, "`" + defaultValue + "`", meaning);
  }

  Setting(Type type, String defaultValue, String defaultText, String meaning) {
    this(type, defaultValue, 0, 0, defaultText, meaning);
  }

  Setting(Type type, String defaultValue, long min, long max, String defaultText, String meaning) {
    this.type = type;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.defaultText = defaultText;
    this.meaning = meaning;
  }

  public Type type() {
    return type;
  }

  /** The value used when no layer sets one; null when there is none or it is derived at start-up. */
  public String defaultValue() {
    return defaultValue;
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }

  /** Never printed: the start-up summary shows only that it is set. */
  public boolean secret() {
    return type == Type.SECRET;
  }

  /** The default as the README states it. */
  public String defaultText() {
    return defaultText;
  }

  /** What the setting means, as the README states it. */
  public String meaning() {
    return meaning;
  }

  /** The README row of this setting. */
  public String readmeRow() {
    String bounds = type == Type.INT ? " (" + String.format("%,d", min) + " to " + String.format("%,d", max) + ")" : "";
    return "| `" + name() + "` | " + meaning + bounds + " | " + defaultText + " |";
  }
}
