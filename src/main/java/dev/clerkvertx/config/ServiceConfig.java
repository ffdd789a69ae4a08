package dev.clerkvertx.config;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The validated, immutable configuration of the service, read once at start-up through the
 * {@link Setting} table. Every rejection names its variable; incoherent combinations are refused.
 *
 * @param clerk          the Clerk instance, or empty when none is configured (only dev mode can then start)
 * @param tokenCacheSize requested verified-session cache size, or empty for {@code auto}
 * @param summary        every setting's effective value, secrets redacted: for the start-up log
 * @param logLevel       the root log level: TRACE, DEBUG, INFO, WARN, ERROR or OFF
 * @param graphiqlEnabled whether {@code /graphiql/} is served
 * @param rsaProvider    {@code RSA_PROVIDER}: {@code auto} or {@code jdk}
 * @param overload       connection bounds and the overload manager's thresholds
 * @param logFormat      how log lines are written ({@code LOG_FORMAT})
 */
public record ServiceConfig(Optional<ClerkInstance> clerk, TokenRules tokenRules, KeyTimings keyTimings,
                            HttpSettings http, GraphQLLimits graphql, OptionalInt tokenCacheSize, JsonObject summary,
                            String logLevel, boolean graphiqlEnabled, String rsaProvider,
                            OverloadSettings overload, LogFormat logFormat) {

  /** The values {@code LOG_LEVEL} may take. */
  static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** The share of the heap that per-event-loop GraphQL document caches may take together. */
  static final double DOCUMENT_CACHE_HEAP_SHARE = 0.25;

  /** Validates the merged layers against a heap of {@code maxHeapBytes} (what {@code -Xmx} gives). */
  public static ServiceConfig from(JsonObject merged, long maxHeapBytes) {
    SettingValues v = new SettingValues(merged);
    Optional<ClerkInstance> clerk = ClerkInstance.from(v);

    List<String> parties = v.list(Setting.CLERK_AUTHORIZED_PARTIES);
    parties.forEach(p -> origin(Setting.CLERK_AUTHORIZED_PARTIES, p));
    TokenRules rules = new TokenRules(seconds(v, Setting.CLERK_CLOCK_SKEW_SECONDS), parties,
      v.bool(Setting.CLERK_ACCEPT_PENDING_SESSIONS));

    KeyTimings timings = new KeyTimings(seconds(v, Setting.CLERK_JWKS_REFRESH_SECONDS),
      seconds(v, Setting.CLERK_JWKS_TIMEOUT_SECONDS), seconds(v, Setting.CLERK_JWKS_COOLDOWN_SECONDS));
    if (timings.timeout().compareTo(timings.refresh()) >= 0) {
      throw new ConfigException("CLERK_JWKS_TIMEOUT_SECONDS", "must be shorter than CLERK_JWKS_REFRESH_SECONDS ("
        + timings.refresh().toSeconds() + " s): a fetch may not outlast the period between fetches");
    }
    if (timings.cooldown().compareTo(timings.refresh()) > 0) {
      throw new ConfigException("CLERK_JWKS_COOLDOWN_SECONDS", "must not exceed CLERK_JWKS_REFRESH_SECONDS ("
        + timings.refresh().toSeconds() + " s): a rotated-in key would wait longer than the periodic refresh");
    }

    HttpSettings http = new HttpSettings(v.integer(Setting.PORT),
      v.integerOr(Setting.HTTP_INSTANCES, Runtime.getRuntime().availableProcessors()), CorsSettings.from(v, parties),
      v.integer(Setting.HTTP_MAX_HEADER_BYTES), seconds(v, Setting.HTTP_REQUEST_TIMEOUT_SECONDS),
      seconds(v, Setting.SHUTDOWN_GRACE_SECONDS), v.bool(Setting.ACCESS_LOG), v.integer(Setting.API_MAX_BODY_BYTES),
      v.integer(Setting.MANAGEMENT_PORT), seconds(v, Setting.HTTP_BODY_START_SECONDS),
      seconds(v, Setting.HTTP_DRAIN_TIMEOUT_SECONDS), seconds(v, Setting.SHUTDOWN_DELAY_SECONDS));
    if (http.managementPort() != 0 && http.managementPort() == http.port()) {
      throw new ConfigException("MANAGEMENT_PORT", "must differ from PORT (" + http.port() + "): /metrics has a "
        + "listener of its own");
    }

    if (http.requestTimeout().compareTo(timings.timeout()) <= 0) {
      throw new ConfigException("HTTP_REQUEST_TIMEOUT_SECONDS", "must be longer than CLERK_JWKS_TIMEOUT_SECONDS ("
        + timings.timeout().toSeconds() + " s): a request may wait for one key fetch");
    }

    GraphQLLimits graphql = new GraphQLLimits(v.integer(Setting.GRAPHQL_MAX_BODY_BYTES),
      v.integer(Setting.GRAPHQL_MAX_QUERY_LENGTH), v.integer(Setting.GRAPHQL_MAX_TOKENS),
      v.integer(Setting.GRAPHQL_MAX_OPERATIONS), v.integer(Setting.GRAPHQL_MAX_FRAGMENTS),
      v.integer(Setting.GRAPHQL_MAX_DEPTH), v.integer(Setting.GRAPHQL_MAX_FIELDS),
      v.integer(Setting.GRAPHQL_DOCUMENT_CACHE_BYTES), v.integer(Setting.GRAPHQL_MAX_VARIABLES_BYTES),
      v.integer(Setting.GRAPHQL_MAX_ARGUMENT_BYTES), v.integer(Setting.GRAPHQL_MAX_ANSWER_BYTES),
      v.integer(Setting.GRAPHQL_ANSWER_BUDGET_BYTES));
    if (graphql.maxAnswerBytes() > graphql.answerBudgetBytes()) {
      throw new ConfigException("GRAPHQL_ANSWER_BUDGET_BYTES", "is less than GRAPHQL_MAX_ANSWER_BYTES ("
        + graphql.maxAnswerBytes() + "): the largest answer allowed could never be built");
    }
    if (graphql.maxQueryLength() > graphql.maxBodyBytes()) {
      throw new ConfigException("GRAPHQL_MAX_QUERY_LENGTH", "exceeds GRAPHQL_MAX_BODY_BYTES ("
        + graphql.maxBodyBytes() + "): no such document could arrive");
    }
    long documentCaches = graphql.documentCacheBytes() * http.instances();
    if (documentCaches > maxHeapBytes * DOCUMENT_CACHE_HEAP_SHARE) {
      throw new ConfigException("GRAPHQL_DOCUMENT_CACHE_BYTES", graphql.documentCacheBytes() + " per event loop x "
        + http.instances() + " event loops is over " + (int) (DOCUMENT_CACHE_HEAP_SHARE * 100) + " % of the "
        + maxHeapBytes / (1024 * 1024) + " MiB heap");
    }

    OptionalInt cacheSize = v.integerOrAuto(Setting.TOKEN_CACHE_SIZE);
    String logLevel = v.choice(Setting.LOG_LEVEL, LOG_LEVELS);
    boolean graphiql = v.bool(Setting.GRAPHIQL_ENABLED);
    String rsaProvider = v.choice(Setting.RSA_PROVIDER, List.of("AUTO", "JDK")).toLowerCase(java.util.Locale.ROOT);
    OverloadSettings overload = overload(v, http);
    LogFormat logFormat = LogFormat.valueOf(v.choice(Setting.LOG_FORMAT, LogFormat.NAMES));
    JsonObject summary = v.summary();
    return new ServiceConfig(clerk, rules, timings, http, graphql, cacheSize, summary, logLevel, graphiql, rsaProvider,
      overload, logFormat);
  }

  /** The configured Clerk instance; without one, the message names the variables to set. */
  public ClerkInstance requireClerk() {
    return clerk.orElseThrow(() -> new ConfigException("CLERK_ISSUER_URL",
      "no Clerk instance is configured. Set CLERK_ISSUER_URL (your Frontend API URL, e.g. "
        + "https://clean-mole-12.clerk.accounts.dev) or CLERK_PUBLISHABLE_KEY; optionally CLERK_JWKS_URL "
        + "or CLERK_JWT_KEY. Dev mode runs only from ./mvnw compile exec:java"));
  }

  private static OverloadSettings overload(SettingValues v, HttpSettings http) {
    // a silent connection is a request that has not arrived: never allowed longer than one
    Duration firstByte = seconds(v, Setting.HTTP_FIRST_BYTE_TIMEOUT_SECONDS);
    if (firstByte.compareTo(http.requestTimeout()) > 0) {
      firstByte = http.requestTimeout();
      v.derived(Setting.HTTP_FIRST_BYTE_TIMEOUT_SECONDS, (int) firstByte.toSeconds());
    }
    return new OverloadSettings(v.integerOrAuto(Setting.HTTP_MAX_CONNECTIONS), firstByte,
      v.integer(Setting.OVERLOAD_HEAP_PERCENT), Duration.ofMillis(v.integer(Setting.OVERLOAD_EVENT_LOOP_LAG_MILLIS)),
      v.integer(Setting.OVERLOAD_CONNECTIONS_PERCENT));
  }

  private static Duration seconds(SettingValues v, Setting s) {
    return Duration.ofSeconds(v.integer(s));
  }

  static void origin(Setting setting, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw notAnOrigin(setting, value);
    }
    if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
      throw notAnOrigin(setting, value);
    }
  }

  private static ConfigException notAnOrigin(Setting setting, String value) {
    return new ConfigException(setting.name(), "'" + value + "' is not an origin such as https://app.example.com");
  }
}
