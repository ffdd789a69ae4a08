#!/usr/bin/env bash
# Benchmark: the packaged jar against a local JWKS, driven by wrk (Debian package `wrk`).
# Prints one table: req/s, p50, p99 per scenario, the ratios asked of the service, and peak RSS.
#   bench/run.sh                      # wrk -t2 -c64 -d10s per scenario, after a 5 s warm-up each
#   DURATION=30s CONNECTIONS=128 ROUNDS=1 bench/run.sh
# The scenarios run in ROUNDS interleaved rounds (default 3) and each figure is the median round,
# so that the machine's drift during a run does not land on one scenario only.
# Results go to target/bench/ (raw wrk output, service log, table.md).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}
ROUNDS=${ROUNDS:-3}
PORT=${BENCH_PORT:-18080}
JWKS_PORT=${BENCH_JWKS_PORT:-18081}
OUT=target/bench
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -Xms32m -Xmx96m -XX:MaxDirectMemorySize=32m -XX:ReservedCodeCacheSize=48m -Xss512k}
# glibc's default of 8 malloc arenas per core shows up as tens of MB of RSS in a JVM
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f target/clerk-vertx.jar ] && [ -z "${REBUILD:-}" ] || ./mvnw -q -B package -DskipTests
mkdir -p "$OUT"

echo "minting 10,000 tokens (one RSA key, issuer http://127.0.0.1:$JWKS_PORT) ..."
java bench/BenchKeys.java mint "$OUT" "http://127.0.0.1:$JWKS_PORT" 10000 3600
java bench/BenchKeys.java serve "$OUT" "$JWKS_PORT" > "$OUT/jwks.log" 2>&1 &
JWKS_PID=$!
SVC_PID=
cleanup() { [ -n "$SVC_PID" ] && kill "$SVC_PID" 2>/dev/null; kill "$JWKS_PID" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$JWKS_PORT/count" >/dev/null && break; sleep 0.1; done

# shellcheck disable=SC2086
env -i PATH="$PATH" MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" CLERK_ISSUER_URL="http://127.0.0.1:$JWKS_PORT" PORT="$PORT" \
  java $JVM_FLAGS -jar target/clerk-vertx.jar > "$OUT/service.log" 2>&1 &
SVC_PID=$!
for _ in $(seq 200); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/ready")" = 200 ] && break; sleep 0.1; done

TOKEN=$(cat "$OUT/token.txt")
export TOKEN TOKENS_FILE="$OUT/tokens.txt"
URL="http://127.0.0.1:$PORT"
[ "$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/rest-endpoints/1")" = "REST Ping #1!" ] || { echo "service does not accept the bench token" >&2; exit 1; }

SCENARIOS=(health rest_one_token rest_10k_tokens graphql_one_token)
args() {
  case $1 in
    health) echo "$URL/health" ;;
    rest_one_token) echo "-H" "Authorization: Bearer $TOKEN" "$URL/rest-endpoints/1" ;;
    rest_10k_tokens) echo "-s" "bench/tokens.lua" "$URL/rest-endpoints/1" ;;
    graphql_one_token) echo "-s" "bench/graphql.lua" "$URL/graphql" ;;
  esac
}
wrk_run() { # duration, output, scenario
  case $3 in
    rest_one_token) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency -H "Authorization: Bearer $TOKEN" "$URL/rest-endpoints/1" > "$2" ;;
    *) # shellcheck disable=SC2046
       wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency $(args "$3") > "$2" ;;
  esac
}
# warm every code path (JIT, caches, the 10,000 token verifications) before measuring any
for s in "${SCENARIOS[@]}"; do wrk_run "$WARMUP" /dev/null "$s"; done
for r in $(seq "$ROUNDS"); do
  for s in "${SCENARIOS[@]}"; do wrk_run "$DURATION" "$OUT/$s.$r.txt" "$s"; done
done
RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SVC_PID/status")

python3 - "$OUT" "$RSS_KB" "$DURATION" "$CONNECTIONS" "$THREADS" "$JVM_FLAGS" "$ROUNDS" <<'PY'
import re, sys, statistics
out, rss_kb, dur, conns, threads, flags, rounds = sys.argv[1:]
rounds = int(rounds)
def unit(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    x = float(m.group(1))
    return x / 1000 if m.group(2) == "us" else x * 1000 if m.group(2) == "s" else x
rows = {}
def parse(text):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = unit(re.search(r"\s50%\s+(\S+)", text).group(1))
    p99 = unit(re.search(r"\s99%\s+(\S+)", text).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return (rps, p50, p99, int(errors.group(1)) if errors else 0)
for name in ["health", "rest_one_token", "rest_10k_tokens", "graphql_one_token"]:
    runs = sorted((parse(open(f"{out}/{name}.{r}.txt").read()) for r in range(1, rounds + 1)), key=lambda x: x[0])
    median = runs[len(runs) // 2]
    rows[name] = median + (sum(x[3] for x in runs), [round(x[0]) for x in runs])
h = rows["health"][0]
lines = [f"wrk -t{threads} -c{conns} -d{dur}, {rounds} interleaved rounds after a warm-up, median round shown;",
         f"JVM flags: `{flags}`, MALLOC_ARENA_MAX=2", "",
         "| scenario | req/s (median) | p50 ms | p99 ms | non-2xx | vs /health | req/s of each round |",
         "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
for name, (rps, p50, p99, _, err, each) in rows.items():
    lines.append(f"| {name} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {err} | {rps / h:.2f}x | {', '.join(f'{x:,}' for x in each)} |")
rest, many, gql = rows["rest_one_token"][0], rows["rest_10k_tokens"][0], rows["graphql_one_token"][0]
lines += ["", f"- authenticated REST / health: {rest / h:.2f} (target >= 0.90)",
          f"- authenticated GraphQL / authenticated REST: {gql / rest:.2f} (target >= 0.50)",
          f"- 10,000 distinct tokens: {many:,.0f} req/s (target >= 25,000)",
          f"- p99 single-token REST {rows['rest_one_token'][2]:.2f} ms, GraphQL {rows['graphql_one_token'][2]:.2f} ms (target <= 10 ms)",
          f"- peak RSS of the service: {int(rss_kb) / 1024:.0f} MB (target <= 200 MB)"]
table = "\n".join(lines)
open(f"{out}/table.md", "w").write(table + "\n")
print(table)
PY
