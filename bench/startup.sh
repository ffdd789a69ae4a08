#!/usr/bin/env bash
# Cold start of the distribution: launcher to the first /ready 200, against a local JWKS
# (bench/BenchKeys.java serve). Prints each run in ms and the median. A benchmark, not a test.
#   bench/startup.sh              # 5 runs
#   RUNS=9 bench/startup.sh
#   BASELINE=1 bench/startup.sh   # also the plain jar (installed java, README flags), runs interleaved
# The distribution is built if missing (./mvnw package -DskipTests). Polls /ready every 10 ms with
# bash's /dev/tcp (no process per poll). Each run is stopped with SIGTERM and waited for.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

RUNS=${RUNS:-5}
PORT=${BENCH_PORT:-18090}
JWKS_PORT=${BENCH_JWKS_PORT:-18091}
MGMT_PORT=${BENCH_MANAGEMENT_PORT:-18092}
OUT=target/bench-startup
DIST=$(dist_dir)
ISSUER="http://127.0.0.1:$JWKS_PORT"

[ -x "$DIST/bin/clerk-vertx" ] && [ -z "${REBUILD:-}" ] || ./mvnw -q -B package -DskipTests
mkdir -p "$OUT"
[ -f "$OUT/jwks.json" ] || java bench/BenchKeys.java mint "$OUT" "$ISSUER" 1 3600 token
SVC_PID=; JWKS_PID=
cleanup() { for p in $SVC_PID $JWKS_PID; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
serve_jwks "$OUT" "$JWKS_PORT"

ready() {
  { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 1
  printf 'GET /ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  local line=
  read -r -t 2 line <&3 || true
  exec 3>&-
  [[ $line == *" 200 "* ]]
}

# the README's flags, for the plain jar of the baseline
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -Xms32m -Xmx96m -Xmn16m -XX:MaxDirectMemorySize=32m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError}
launch() { # kind, log
  if [ "$1" = dist ]; then
    env -i CLERK_ISSUER_URL="$ISSUER" PORT="$PORT" MANAGEMENT_PORT="$MGMT_PORT" SHUTDOWN_DELAY_SECONDS=0 "$DIST/bin/clerk-vertx" > "$2" 2>&1 &
  else
    # shellcheck disable=SC2086
    env -i PATH="$PATH" MALLOC_ARENA_MAX=2 CLERK_ISSUER_URL="$ISSUER" PORT="$PORT" MANAGEMENT_PORT="$MGMT_PORT" SHUTDOWN_DELAY_SECONDS=0 \
      java $JVM_FLAGS -jar target/clerk-vertx.jar > "$2" 2>&1 &
  fi
  SVC_PID=$!
}
measure() { # kind, run
  local start ms
  start=$(date +%s%N)
  launch "$1" "$OUT/$1.$2.log"
  until ready; do
    kill -0 "$SVC_PID" 2>/dev/null || { echo "the service exited: $(cat "$OUT/$1.$2.log")" >&2; exit 1; }
    sleep 0.01
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  kill -TERM "$SVC_PID"; wait "$SVC_PID" || true; SVC_PID=
  echo "$ms"
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(($# / 2 + 1))p"; }

dist=(); jar=()
for i in $(seq "$RUNS"); do
  dist+=("$(measure dist "$i")")
  echo "run $i: distribution ${dist[-1]} ms"
  if [ -n "${BASELINE:-}" ]; then
    jar+=("$(measure jar "$i")")
    echo "run $i: plain jar ${jar[-1]} ms"
  fi
done
echo "median of $RUNS cold starts, launcher to /ready 200: $(median "${dist[@]}") ms (runs: ${dist[*]})"
if [ -n "${BASELINE:-}" ]; then
  echo "median of $RUNS cold starts, java -jar with the README's flags: $(median "${jar[@]}") ms (runs: ${jar[*]})"
fi
