#!/usr/bin/env bash
# Rolling-restart drill: three replicas of the distribution behind HAProxy (health checks on /ready),
# wrk sending valid tokens through it, each replica restarted in turn while the load runs
# (SIGTERM, wait for the exit, start, wait until HAProxy has it back). Goal: 0 failed requests
# (no non-2xx answer, no socket error). Also counts the JWKS fetches: one per replica start and per
# refresh period, no more.
#   bench/rolling.sh                    # wrk -t2 -c64 for the whole drill
#   CONNECTIONS=128 bench/rolling.sh
# Needs haproxy and wrk (Debian packages; installed with apt-get when missing). Builds the
# distribution if missing (./mvnw package -DskipTests). Results: target/bench-rolling/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
TOKENS=${TOKENS:-2000}
LB_PORT=${BENCH_LB_PORT:-18100}
STATS_PORT=${BENCH_STATS_PORT:-18109}
JWKS_PORT=${BENCH_JWKS_PORT:-18108}
PORTS=(18101 18102 18103)
MANAGEMENT_PORTS=(18111 18112 18113)
WARM=${WARM:-5}
OUT=target/bench-rolling
DIST=$(dist_dir)
ISSUER="http://127.0.0.1:$JWKS_PORT"

for tool in haproxy wrk; do
  if ! command -v "$tool" >/dev/null; then
    echo "installing $tool ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
  fi
done
[ -x "$DIST/bin/clerk-vertx" ] && [ -z "${REBUILD:-}" ] || ./mvnw -q -B package -DskipTests
mkdir -p "$OUT"
rm -f "$OUT"/replica-*.log
if [ "$(cat "$OUT/issuer" 2>/dev/null)" != "$ISSUER" ] || [ ! -f "$OUT/tokens.txt" ] || [ -n "$(find "$OUT/tokens.txt" -mmin +720)" ]; then
  rm -f "$OUT"/*.txt "$OUT/key.der" "$OUT/jwks.json"
  echo "minting $TOKENS tokens ..."
  java bench/BenchKeys.java mint "$OUT" "$ISSUER" "$TOKENS" 172800 tokens
  echo "$ISSUER" > "$OUT/issuer"
fi

PIDS=()
JWKS_PID=; LB_PID=
cleanup() {
  for p in "${PIDS[@]}" $LB_PID $JWKS_PID; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

serve_jwks "$OUT" "$JWKS_PORT"

start_replica() { # index
  env -i CLERK_ISSUER_URL="$ISSUER" PORT="${PORTS[$1]}" MANAGEMENT_PORT="${MANAGEMENT_PORTS[$1]}" LOG_FORMAT=json \
    "$DIST/bin/clerk-vertx" >> "$OUT/replica-$1.log" 2>&1 &
  PIDS[$1]=$!
}
await_ready() { # port
  for _ in $(seq 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ready")" = 200 ] && return 0
    sleep 0.1
  done
  echo "replica on port $1 never got ready" >&2; exit 1
}
lb_status() { # server name -> UP, DOWN, ...
  curl -s "http://127.0.0.1:$STATS_PORT/stats;csv" | awk -F, -v s="$1" '$1 == "replicas" && $2 == s {print $18}'
}
await_lb() { # server name, wanted status
  for _ in $(seq 300); do
    [[ "$(lb_status "$1")" == "$2"* ]] && return 0
    sleep 0.1
  done
  echo "HAProxy never saw $1 $2" >&2; exit 1
}

for i in 0 1 2; do start_replica "$i"; done
for p in "${PORTS[@]}"; do await_ready "$p"; done

# health checks every 500 ms: a replica whose /ready answers 503 is out within a second, well
# inside SHUTDOWN_DELAY_SECONDS (5); back in after two good checks. A request that meets a
# connection closed under it (keep-alive race) is retried on another replica.
cat > "$OUT/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout
frontend api
  bind 127.0.0.1:$LB_PORT
  default_backend replicas
frontend stats
  bind 127.0.0.1:$STATS_PORT
  stats enable
  stats uri /stats
backend replicas
  balance roundrobin
  option httpchk GET /ready
  http-check expect status 200
  default-server inter 500ms fall 1 rise 2
  server r0 127.0.0.1:${PORTS[0]} check
  server r1 127.0.0.1:${PORTS[1]} check
  server r2 127.0.0.1:${PORTS[2]} check
CFG
haproxy -f "$OUT/haproxy.cfg" -db > "$OUT/haproxy.log" 2>&1 &
LB_PID=$!
for s in r0 r1 r2; do await_lb "$s" UP; done
TOKEN=$(head -1 "$OUT/tokens.txt")
[ "$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$LB_PORT/rest-endpoints/1")" = "REST Ping #1!" ] \
  || { echo "the replicas do not accept the drill's tokens" >&2; exit 1; }

# the load runs for the whole drill; each restart takes the delay (5 s) + start + two health checks
DURATION=${DURATION:-$((WARM + 3 * 20 + 5))}
echo "load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s through HAProxy, $TOKENS tokens in round robin"
TOKENS_FILE="$OUT/tokens.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/tokens.lua \
  "http://127.0.0.1:$LB_PORT" > "$OUT/wrk.txt" &
WRK_PID=$!
DRILL_START=$(date +%s)
sleep "$WARM"
STARTS=3
for i in 0 1 2; do
  t0=$(date +%s%N)
  kill -TERM "${PIDS[$i]}"
  wait "${PIDS[$i]}" && code=0 || code=$?
  t1=$(date +%s%N)
  start_replica "$i"
  STARTS=$((STARTS + 1))
  await_ready "${PORTS[$i]}"
  t2=$(date +%s%N)
  await_lb "r$i" UP
  t3=$(date +%s%N)
  echo "replica r$i: exit $code after $(((t1 - t0) / 1000000)) ms of drain, ready $(((t2 - t1) / 1000000)) ms after start, back in HAProxy $(((t3 - t2) / 1000000)) ms later"
done
wait "$WRK_PID"
DRILL_SECONDS=$(($(date +%s) - DRILL_START))
FETCHES=$(curl -s "$ISSUER/count")

python3 - "$OUT/wrk.txt" "$FETCHES" "$STARTS" "$DRILL_SECONDS" <<'PY'
import re, sys
text, fetches, starts, seconds = open(sys.argv[1]).read(), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
requests = int(re.search(r"(\d+) requests in", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
non2xx = int(non2xx.group(1)) if non2xx else 0
sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
socket_errors = sum(map(int, sockets.groups())) if sockets else 0
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"\s99%\s+(\S+)", text).group(1)
refresh = 300
expected = starts + 3 * (seconds // refresh)
print(f"requests: {requests:,} ({rps:,.0f}/s, p99 {p99}), non-2xx: {non2xx}, socket errors: {socket_errors}"
      + (f" ({sockets.group(0)})" if sockets else ""))
print(f"failed requests: {non2xx + socket_errors} (goal 0)")
print(f"JWKS fetches: {fetches} for {starts} replica starts over {seconds} s (refresh every {refresh} s): expected {expected}")
sys.exit(0 if non2xx + socket_errors == 0 and fetches == expected else 1)
PY
