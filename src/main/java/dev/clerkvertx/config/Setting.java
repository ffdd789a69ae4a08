package dev.clerkvertx.config;

/**
 * The one table of settings: name, default, bounds, whether the value is secret, and what it
 * means. It drives parsing ({@link SettingValues}), the bottom configuration layer, the start-up
 * summary, and the configuration reference, docs/configuration.md ({@code SettingsTableTest} compares them).
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
  GRAPHQL_DOCUMENT_CACHE_BYTES(Type.INT, "1048576", 0, 268_435_456,
    "parsed-document cache per event loop, by estimated bytes; 0 turns it off"),
  LOG_LEVEL(Type.TEXT, "INFO", "least level logged: `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR` or `OFF`"),
  GRAPHIQL_ENABLED(Type.BOOL, "true", "serve GraphiQL at `/graphiql/`; `false` answers 404 there"),
  RSA_PROVIDER(Type.TEXT, "auto",
    "who verifies RS256 signatures: `auto` uses the Amazon Corretto Crypto Provider where its native library loads "
      + "(Linux x86-64) and the JDK elsewhere; `jdk` always the JDK"),
  CORS_ALLOWED_METHODS(Type.LIST, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
    "methods a listed origin may use (answered to preflights)"),
  CORS_ALLOWED_HEADERS(Type.LIST, "Authorization, Content-Type",
    "request headers a listed origin may send (answered to preflights)"),
  CORS_EXPOSED_HEADERS(Type.LIST, null, "none",
    "response headers a listed origin's script may read besides the safelisted ones, e.g. `Location`"),
  CORS_MAX_AGE_SECONDS(Type.INT, "600", 0, 86_400, "how long a browser may cache a preflight answer"),
  API_MAX_BODY_BYTES(Type.INT, "65536", 1_024, 1_048_576,
    "largest JSON body of a route mounted with `jsonBody()` (the API's); larger ones get 413"),
  MANAGEMENT_PORT(Type.INT, "9090", 0, 65_535,
    "port of the management listener, which alone serves `/metrics` (same address as `PORT`; 0 picks a free port)"),
  HTTP_BODY_START_SECONDS(Type.INT, "5", 1, 300,
    "a request body must start arriving within this time of its head, else 408 and the connection is closed"),
  HTTP_MAX_CONNECTIONS(Type.INT, "auto", 16, 1_000_000, "`auto`",
    "open connections per process; `auto`: 8 % of the heap at 9 KiB a connection, at most 64 % of the file-descriptor "
      + "limit (a quarter more sockets may be accepted or closing beside them: 10 % and 80 % in all); at the maximum "
      + "a new connection closes the oldest one with no request in progress, or is closed itself when every "
      + "connection is busy"),
  HTTP_FIRST_BYTE_TIMEOUT_SECONDS(Type.INT, "5", 1, 300,
    "a new connection that sends nothing for this long is closed; the request timeout when that is shorter"),
  OVERLOAD_HEAP_PERCENT(Type.INT, "90", 10, 99,
    "old-generation use after a collection at which load is shed (new requests 503 except `/health`, `/ready` 503, "
      + "caches stop admitting, idle connections closed); new connections are also refused halfway from it to 100 %; "
      + "recovery 10 points below"),
  OVERLOAD_EVENT_LOOP_LAG_MILLIS(Type.INT, "1000", 50, 60_000,
    "an event loop this late sheds load as the heap does; recovery when every loop is under half of it"),
  OVERLOAD_CONNECTIONS_PERCENT(Type.INT, "90", 10, 100,
    "share of the connection maximum open at which answers close their connection (no keep-alive); recovery 10 "
      + "points below"),
  GRAPHQL_MAX_VARIABLES_BYTES(Type.INT, "32768", 1_024, 1_048_576,
    "a GraphQL request's variables, as JSON bytes, refused before parsing (`VARIABLES_TOO_LARGE`)"),
  GRAPHQL_MAX_ARGUMENT_BYTES(Type.INT, "262144", 1_024, 268_435_456,
    "argument bytes an operation hands its fields, counted at every field selection (aliases and fragment spreads "
      + "count again) since a field may echo them; refused before execution (`ARGUMENTS_TOO_LARGE`)"),
  GRAPHQL_MAX_ANSWER_BYTES(Type.INT, "1048576", 4_096, 268_435_456,
    "largest GraphQL answer, in JSON bytes counted while it is built; a larger one is stopped and refused whole, "
      + "with no data (`ANSWER_TOO_LARGE`)"),
  GRAPHQL_ANSWER_BUDGET_BYTES(Type.INT, "2097152", 4_096, 1_073_741_824,
    "heap that GraphQL answers being built or sent may hold per event loop (their objects estimated, then their "
      + "encoded bytes); at least `GRAPHQL_MAX_ANSWER_BYTES`; an answer that does not fit now gets 503 with "
      + "`Retry-After` (`ANSWERS_BUSY`), one that never could `ANSWER_TOO_LARGE`"),
  HTTP_DRAIN_TIMEOUT_SECONDS(Type.INT, "20", 1, 300,
    "an answer the client does not take: a connection with answer bytes waiting to be sent, none of them taken for "
      + "this long, is closed and what they held given back (a slow client that keeps reading is not cut); the request timeout for the next request starts once the answer is taken"),
  SHUTDOWN_DELAY_SECONDS(Type.INT, "5", 0, 300,
    "after SIGTERM, how long the listener keeps serving while `/ready` answers 503 (each answer then closes its "
      + "connection, idle keep-alive connections are closed), before `SHUTDOWN_GRACE_SECONDS` starts"),
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

  /** The default as docs/configuration.md states it. */
  public String defaultText() {
    return defaultText;
  }

  /** What the setting means, as docs/configuration.md states it. */
  public String meaning() {
    return meaning;
  }

  /** This setting's row in docs/configuration.md. */
  public String referenceRow() {
    String bounds = type == Type.INT ? " (" + String.format("%,d", min) + " to " + String.format("%,d", max) + ")" : "";
    return "| `" + name() + "` | " + meaning + bounds + " | " + defaultText + " |";
  }
}
