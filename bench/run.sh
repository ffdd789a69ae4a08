#!/usr/bin/env bash
# Benchmark: the packaged jar against a local JWKS, driven by wrk (Debian package `wrk`).
# Prints one table: req/s, p50, p99 per scenario, the ratios asked of the service, bytes per
# cached session, the single-thread RS256 verification rate, and peak RSS.
#   bench/run.sh                      # wrk -t2 -c64 -d10s per scenario, 3 interleaved rounds
#   DURATION=30s ROUNDS=1 bench/run.sh
# Scenarios (the service runs with the README's flags and default settings):
#   health             GET /health, no token
#   health_token       GET /health with the one token's Authorization header, which /health does not read:
#                      the request's own size (about 730 bytes), without the authentication
#   rest_one_token     GET /rest-endpoints/1, one token (a cache hit)
#   org_one_token      GET /org-endpoints/1, one token, behind the org:pings:read guard
#   rest_org_token     GET /rest-endpoints/1 with that same organisation token (about 110 bytes longer than
#                      the plain one): the like-for-like baseline of the guard's cost
#   graphql_one_token  POST /graphql { pingOne }, one token
#   rest_1_token_lua   one token sent through bench/tokens.lua: the same client work per request as
#                      the scenarios of many tokens (wrk asks Lua for each request, on the same 2 cores
#                      as the service; the script formats them all beforehand), the baseline of the
#                      100,000-token ratio
#   rest_10k_tokens    10,000 distinct tokens in round robin
#   rest_100k_tokens   100,000 distinct tokens in round robin, after a pass that shows each once
#   rest_new_tokens    every request a token never seen before (NEW_DURATION per round)
#   rest_cache_off     a second jar with TOKEN_CACHE_SIZE=0, one token: every request verifies (its own
#                      warm-up, OFF_WARMUP, 20 s: its JIT is still compiling after 5 s of load)
#   rest_user_traffic  100,000 signed-in users, each request from one of them, one request in 5 bringing a
#                      token never seen before (Clerk's SDK refreshes a 60 s token about every 50 s), after
#                      the 100,000-token pass (USER_DURATION per round)
# Tokens are minted once into target/bench/ (about 1,700 a second on two cores) and reused while
# they have more than 12 hours to live. Results: target/bench/ (raw wrk output, logs, table.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

DURATION=${DURATION:-10s}
NEW_DURATION=${NEW_DURATION:-2s}
USER_DURATION=${USER_DURATION:-3s}
FRESH_TOKENS=${FRESH_TOKENS:-100000}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}
# the cache-off jar is a JVM of its own that sees load only in its scenario: under load its JIT spends about
# 12 s of CPU in the first 15 s (jstat -compiler), so a 5 s warm-up measured it while C2 was still compiling
OFF_WARMUP=${OFF_WARMUP:-20s}
ROUNDS=${ROUNDS:-3}
NEW_TOKENS=${NEW_TOKENS:-200000}
PORT=${BENCH_PORT:-18080}
OFF_PORT=${BENCH_OFF_PORT:-18082}
JWKS_PORT=${BENCH_JWKS_PORT:-18081}
# /metrics is on the management port; scrapes are rendered at most once a second
MGMT_PORT=${BENCH_MGMT_PORT:-18083}
OFF_MGMT_PORT=${BENCH_OFF_MGMT_PORT:-18084}
OUT=target/bench
# the README's recommended flags
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -Xms32m -Xmx96m -Xmn16m -XX:MaxDirectMemorySize=32m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError}
# glibc's default of 8 malloc arenas per core shows up as tens of MB of RSS in a JVM
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
ISSUER="http://127.0.0.1:$JWKS_PORT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v jcmd >/dev/null || { echo "jcmd (a full JDK) is missing" >&2; exit 1; }
[ -f target/clerk-vertx.jar ] && [ -z "${REBUILD:-}" ] || ./mvnw -q -B package -DskipTests
mkdir -p "$OUT"

# tokens live 48 h; re-minted when older than 12 h, when the issuer changed, or when too few
fresh() { [ -f "$OUT/$1.txt" ] && [ "$(wc -l < "$OUT/$1.txt")" -ge "$2" ] && [ "$(cat "$OUT/issuer" 2>/dev/null)" = "$ISSUER" ] \
  && [ -z "$(find "$OUT/$1.txt" -mmin +720)" ]; }
if ! fresh tokens 100000; then rm -f "$OUT"/*.txt "$OUT/key.der"; fi
echo "$ISSUER" > "$OUT/issuer"
mint() { fresh "$1" "$2" || { echo "minting $2 tokens ($1) ..."; java bench/BenchKeys.java mint "$OUT" "$ISSUER" "$2" 172800 "$1" ${3:-}; }; }
mint tokens 100000
mint new "$NEW_TOKENS"
mint fresh "$FRESH_TOKENS"
mint org 1 org
head -1 "$OUT/tokens.txt" > "$OUT/token.txt"

SVC_PID=; OFF_PID=; JWKS_PID=
cleanup() { for p in $SVC_PID $OFF_PID $JWKS_PID; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
serve_jwks "$OUT" "$JWKS_PORT"

start_jar() { # port, management port, log, extra env...
  local port=$1 mgmt=$2 log=$3; shift 3
  # shellcheck disable=SC2086
  env -i PATH="$PATH" MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" CLERK_ISSUER_URL="$ISSUER" PORT="$port" MANAGEMENT_PORT="$mgmt" "$@" \
    java $JVM_FLAGS -jar target/clerk-vertx.jar > "$log" 2>&1 &
  echo $!
}
SVC_PID=$(start_jar "$PORT" "$MGMT_PORT" "$OUT/service.log")
OFF_PID=$(start_jar "$OFF_PORT" "$OFF_MGMT_PORT" "$OUT/service-cache-off.log" TOKEN_CACHE_SIZE=0)
for p in $PORT $OFF_PORT; do
  for _ in $(seq 200); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/ready")" = 200 ] && break; sleep 0.1; done
done

TOKEN=$(cat "$OUT/token.txt")
ORG_TOKEN=$(cat "$OUT/org.txt")
URL="http://127.0.0.1:$PORT"
[ "$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/rest-endpoints/1")" = "REST Ping #1!" ] || { echo "service does not accept the bench token" >&2; exit 1; }
[ "$(curl -s -H "Authorization: Bearer $ORG_TOKEN" "$URL/org-endpoints/1")" = "Org Ping #1 for org_bench!" ] || { echo "service does not accept the org token" >&2; exit 1; }

echo "measuring the single-thread RS256 verification rate of the JDK and of the service's provider (services idle) ..."
# the provider the service logged at start: "RS256 signatures verified by <name> <version> (...)"
PROVIDER=$(sed -n 's/.*RS256 signatures verified by \([A-Za-z]*\).*/\1/p' "$OUT/service.log" | head -1)
VERIFY_JDK=$(java bench/BenchKeys.java verify "$OUT" 5 jdk | awk '{print $1}')
if [ "$PROVIDER" = AmazonCorrettoCryptoProvider ]; then
  VERIFY_RATE=$(java -cp target/clerk-vertx.jar bench/BenchKeys.java verify "$OUT" 5 corretto | awk '{print $1}')
else
  VERIFY_RATE=$VERIFY_JDK
fi

# a fresh render: the scrape is cached for a second
metric() { sleep 1.1; curl -s "http://127.0.0.1:$MGMT_PORT/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
heap_live() { jcmd "$SVC_PID" GC.class_histogram 2>/dev/null | awk '/^Total/ {print $3}'; }

export TOKEN ORG_TOKEN THREADS TOKENS_FILE="$OUT/tokens.txt"
WRK=(wrk -t"$THREADS" -c"$CONNECTIONS" --latency)
run() { # scenario, duration, output
  case $1 in
    health) "${WRK[@]}" -d"$2" "$URL/health" > "$3" ;;
    health_token) "${WRK[@]}" -d"$2" -H "Authorization: Bearer $TOKEN" "$URL/health" > "$3" ;;
    rest_one_token) "${WRK[@]}" -d"$2" -H "Authorization: Bearer $TOKEN" "$URL/rest-endpoints/1" > "$3" ;;
    org_one_token) "${WRK[@]}" -d"$2" -H "Authorization: Bearer $ORG_TOKEN" "$URL/org-endpoints/1" > "$3" ;;
    rest_org_token) "${WRK[@]}" -d"$2" -H "Authorization: Bearer $ORG_TOKEN" "$URL/rest-endpoints/1" > "$3" ;;
    graphql_one_token) "${WRK[@]}" -d"$2" -s bench/graphql.lua "$URL/graphql" > "$3" ;;
    rest_1_token_lua) TOKENS_LIMIT=1 "${WRK[@]}" -d"$2" -s bench/tokens.lua "$URL" > "$3" ;;
    rest_10k_tokens) TOKENS_LIMIT=10000 "${WRK[@]}" -d"$2" -s bench/tokens.lua "$URL" > "$3" ;;
    rest_100k_tokens) TOKENS_LIMIT=100000 "${WRK[@]}" -d"$2" -s bench/tokens.lua "$URL" > "$3" ;;
    rest_cache_off) "${WRK[@]}" -d"$2" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$OFF_PORT/rest-endpoints/1" > "$3" ;;
  esac
}

echo "warming up ..."
for s in health health_token rest_one_token org_one_token rest_org_token graphql_one_token rest_10k_tokens; do run "$s" "$WARMUP" /dev/null; done
run rest_cache_off "$OFF_WARMUP" /dev/null
# each of the 100,000 tokens once (then /health until the time is up), heap measured around it
BEFORE_BYTES=$(heap_live); BEFORE_SESSIONS=$(metric clerk_token_cache_size)
TOKENS_FILE="$OUT/tokens.txt" OFFSET=0 REGION=100000 "${WRK[@]}" -d15s -s bench/once.lua "$URL" > "$OUT/warm-100k.txt"
AFTER_BYTES=$(heap_live); AFTER_SESSIONS=$(metric clerk_token_cache_size)

SCENARIOS=(health health_token rest_one_token org_one_token rest_org_token graphql_one_token rest_1_token_lua rest_10k_tokens rest_100k_tokens rest_cache_off rest_new_tokens rest_user_traffic)
# each round of rest_new_tokens has its own region of the new tokens, each thread a share of it
NEW_REGION=$((NEW_TOKENS / ROUNDS))
NEW_SENT=0
NEW_HITS=0
for r in $(seq "$ROUNDS"); do
  for s in "${SCENARIOS[@]}"; do
    if [ "$s" = rest_new_tokens ]; then
      hits=$(metric clerk_token_cache_hits_total)
      TOKENS_FILE="$OUT/new.txt" OFFSET=$(((r - 1) * NEW_REGION)) REGION=$NEW_REGION EXHAUSTED=wrap \
        "${WRK[@]}" -d"$NEW_DURATION" -s bench/once.lua "$URL" > "$OUT/$s.$r.txt"
      NEW_SENT=$((NEW_SENT + $(awk '/requests in/ {print $1}' "$OUT/$s.$r.txt")))
      NEW_HITS=$(python3 -c "print(int($NEW_HITS + $(metric clerk_token_cache_hits_total) - $hits))")
    elif [ "$s" = rest_user_traffic ]; then
      USERS_FILE="$OUT/tokens.txt" USERS=100000 FRESH_FILE="$OUT/fresh.txt" REUSE=5 \
        OFFSET=$(((r - 1) * FRESH_TOKENS / ROUNDS)) REGION=$((FRESH_TOKENS / ROUNDS)) \
        "${WRK[@]}" -d"$USER_DURATION" -s bench/user_traffic.lua "$URL" > "$OUT/$s.$r.txt"
    else
      run "$s" "$DURATION" "$OUT/$s.$r.txt"
    fi
  done
done
RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SVC_PID/status")

python3 - "$OUT" "$RSS_KB" "$DURATION" "$NEW_DURATION" "$CONNECTIONS" "$THREADS" "$JVM_FLAGS" "$ROUNDS" "$VERIFY_RATE" \
  "$BEFORE_BYTES" "$AFTER_BYTES" "$BEFORE_SESSIONS" "$AFTER_SESSIONS" "$NEW_HITS" "$NEW_SENT" "$(nproc)" \
  "$VERIFY_JDK" "$PROVIDER" "$USER_DURATION" <<'PY'
import re, sys
(out, rss_kb, dur, new_dur, conns, threads, flags, rounds, verify, b0, b1, s0, s1, new_hits, new_sent, cores,
 verify_jdk, provider, user_dur) = sys.argv[1:]
rounds, cores = int(rounds), int(cores)
def unit(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    x = float(m.group(1))
    return x / 1000 if m.group(2) == "us" else x * 1000 if m.group(2) == "s" else x
def parse(text):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = unit(re.search(r"\s50%\s+(\S+)", text).group(1))
    p99 = unit(re.search(r"\s99%\s+(\S+)", text).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return (rps, p50, p99, (int(errors.group(1)) if errors else 0) + (sum(map(int, sockets.groups())) if sockets else 0))
names = ["health", "health_token", "rest_one_token", "org_one_token", "rest_org_token", "graphql_one_token", "rest_1_token_lua", "rest_10k_tokens", "rest_100k_tokens",
         "rest_cache_off", "rest_new_tokens", "rest_user_traffic"]
rows = {}
byround = {}
for name in names:
    parsed = [parse(open(f"{out}/{name}.{r}.txt").read()) for r in range(1, rounds + 1)]
    runs = sorted(parsed, key=lambda x: x[0])
    median = runs[len(runs) // 2]
    byround[name] = [x[0] for x in parsed]
    rows[name] = median + (sum(x[3] for x in runs), [round(x) for x in byround[name]])
def per_round(a, b, limit=lambda x: x):
    # each round's own ratio: a round's scenarios run minutes apart, the medians may come from different rounds
    ratios = [x / limit(y) for x, y in zip(byround[a], byround[b])]
    return f"per round {', '.join(f'{x:.2f}' for x in ratios)}, median {sorted(ratios)[len(ratios) // 2]:.2f}"
h = rows["health"][0]
lines = [f"wrk -t{threads} -c{conns}, -d{dur} (rest_new_tokens -d{new_dur}, rest_user_traffic -d{user_dur}), {rounds} interleaved rounds after a warm-up, median round shown;",
         f"JVM flags: `{flags}`, MALLOC_ARENA_MAX=2", "",
         "| scenario | req/s (median) | p50 ms | p99 ms | errors | vs /health | req/s of each round |",
         "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
for name in names:
    rps, p50, p99, _, err, each = rows[name]
    lines.append(f"| {name} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {err} | {rps / h:.2f}x | {', '.join(f'{x:,}' for x in each)} |")
r = {n: rows[n][0] for n in names}
per_session = (int(b1) - int(b0)) / max(1, float(s1) - float(s0))
verify = float(verify)
verify_jdk = float(verify_jdk)
combined = 1 / (1 / h + 1 / (cores * verify))
users = r['rest_user_traffic'] * 10
lines += ["",
  f"- authenticated REST / health: {r['rest_one_token'] / h:.2f} (target >= 0.97; {per_round('rest_one_token', 'health')}); against /health sent the same Authorization header (unread): {r['rest_one_token'] / r['health_token']:.2f} (the header's own cost: health_token / health {r['health_token'] / h:.2f})",
  f"- authenticated GraphQL / authenticated REST: {r['graphql_one_token'] / r['rest_one_token']:.2f}",
  f"- guarded /org-endpoints / /rest-endpoints, the same organisation token: {r['org_one_token'] / r['rest_org_token']:.2f} (target >= 0.97; {per_round('org_one_token', 'rest_org_token')}); against the plain token on /rest-endpoints: {r['org_one_token'] / r['rest_one_token']:.2f} (the longer token's own cost: rest_org_token / rest_one_token {r['rest_org_token'] / r['rest_one_token']:.2f})",
  f"- 10,000 distinct tokens: {r['rest_10k_tokens']:,.0f} req/s",
  f"- 100,000 distinct tokens / one token, both sent by bench/tokens.lua: {r['rest_100k_tokens'] / r['rest_1_token_lua']:.2f} (target >= 0.9; {per_round('rest_100k_tokens', 'rest_1_token_lua')}), p99 {rows['rest_100k_tokens'][2]:.2f} ms (target <= 10), errors {rows['rest_100k_tokens'][4]}; against wrk's fixed one-token request: {r['rest_100k_tokens'] / r['rest_one_token']:.2f} (the Lua script's own cost: rest_1_token_lua / rest_one_token {r['rest_1_token_lua'] / r['rest_one_token']:.2f})",
  f"- every token new / cache off: {r['rest_new_tokens'] / r['rest_cache_off']:.2f} (target >= 0.9); {int(new_sent):,} new tokens sent, {int(new_hits)} of them cache hits",
  f"- single-thread RS256 verifications/s: JDK {verify_jdk:,.0f}, {provider or 'the JDK'} (the service's) {verify:,.0f} (x{verify / verify_jdk:.2f})",
  f"- cache off / combined limit 1/(1/health + 1/({cores} cores x {verify:,.0f})) = {combined:,.0f} req/s: {r['rest_cache_off'] / combined:.2f} (target >= 0.85; {per_round('rest_cache_off', 'health', lambda hr: 1 / (1 / hr + 1 / (cores * verify)))})",
  f"- cache off / ({cores} cores x {verify:,.0f} single-thread RS256 verifications/s): {r['rest_cache_off'] / (cores * verify):.2f}",
  f"- real user traffic (100,000 users, 1 request in 5 a new token): {r['rest_user_traffic']:,.0f} req/s, p99 {rows['rest_user_traffic'][2]:.2f} ms, errors {rows['rest_user_traffic'][4]}: at one request per user every 10 s, one replica serves about {users:,.0f} active users",
  f"- bytes per cached session: {per_session:,.0f} ({int(float(s1)):,} sessions held after the 100,000-token pass; live heap {int(b0) / 2**20:.1f} MB before, {int(b1) / 2**20:.1f} MB after); 1,000,000 sessions: about {per_session * 1e6 / 2**20:,.0f} MiB of heap",
  f"- peak RSS of the service: {int(rss_kb) / 1024:.0f} MB (target <= 200 MB)"]
table = "\n".join(lines)
open(f"{out}/table.md", "w").write(table + "\n")
print(table)
PY
