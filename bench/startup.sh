#!/usr/bin/env bash
# Cold start of the distribution: launcher to the first /ready 200, against a local JWKS
# (bench/BenchKeys.java serve). Prints each run in ms and the median. A benchmark, not a test.
#   bench/startup.sh              # 5 runs
#   RUNS=9 bench/startup.sh
# The distribution is built if missing (./mvnw package -DskipTests). Polls /ready every 10 ms with
# bash's /dev/tcp (no process per poll). Each run is stopped with SIGTERM and waited for.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
PORT=${BENCH_PORT:-18090}
JWKS_PORT=${BENCH_JWKS_PORT:-18091}
OUT=target/bench-startup
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
DIST=target/clerk-vertx-$VERSION
ISSUER="http://127.0.0.1:$JWKS_PORT"

[ -x "$DIST/bin/clerk-vertx" ] && [ -z "${REBUILD:-}" ] || ./mvnw -q -B package -DskipTests
mkdir -p "$OUT"
[ -f "$OUT/jwks.json" ] || java bench/BenchKeys.java mint "$OUT" "$ISSUER" 1 3600 token
java bench/BenchKeys.java serve "$OUT" "$JWKS_PORT" > "$OUT/jwks.log" 2>&1 &
JWKS_PID=$!
SVC_PID=
cleanup() { for p in $SVC_PID $JWKS_PID; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "$ISSUER/count" >/dev/null && break; sleep 0.1; done

ready() {
  { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 1
  printf 'GET /ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  local line=
  read -r -t 2 line <&3 || true
  exec 3>&-
  [[ $line == *" 200 "* ]]
}

times=()
for i in $(seq "$RUNS"); do
  start=$(date +%s%N)
  env -i CLERK_ISSUER_URL="$ISSUER" PORT="$PORT" SHUTDOWN_DELAY_SECONDS=0 "$DIST/bin/clerk-vertx" > "$OUT/service.$i.log" 2>&1 &
  SVC_PID=$!
  until ready; do
    kill -0 "$SVC_PID" 2>/dev/null || { echo "the service exited: $(cat "$OUT/service.$i.log")" >&2; exit 1; }
    sleep 0.01
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  times+=("$ms")
  echo "run $i: $ms ms"
  kill -TERM "$SVC_PID"; wait "$SVC_PID" || true; SVC_PID=
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "median of $RUNS cold starts, launcher to /ready 200: ${sorted[$((RUNS / 2))]} ms (runs: ${times[*]})"
