#!/usr/bin/env bash
# The hostile drill: the packaged jar, run with the README's JVM flags in an empty working directory,
# under eleven attacks (the later ones sent from 127.0.0.2) while /health and an authenticated ping
# are probed from 127.0.0.1 every 50 ms.
#   bench/hostile.sh                  # prints a markdown table; raw logs in target/hostile/
#   bench/hostile.sh idle,bodies      # only these attacks (names in bench/Hostile.java)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

PORT=${HOSTILE_PORT:-18090}
JWKS_PORT=${HOSTILE_JWKS_PORT:-18091}
MANAGEMENT_PORT=${HOSTILE_MANAGEMENT_PORT:-18092}
OUT=target/hostile
# the README's recommended flags (bench/run.sh uses the same)
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -Xms32m -Xmx96m -Xmn16m -XX:MaxDirectMemorySize=32m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError}

[ -f target/clerk-vertx.jar ] && [ -z "${REBUILD:-}" ] || ./mvnw -q -B package -DskipTests
rm -rf "$OUT" && mkdir -p "$OUT/work"
java bench/BenchKeys.java mint "$OUT" "http://127.0.0.1:$JWKS_PORT" 1 3600 token > /dev/null
java bench/BenchKeys.java mint "$OUT" "http://127.0.0.1:$JWKS_PORT" 6000 3600 manyorgs manyorgs > /dev/null
SVC_PID=; JWKS_PID=
cleanup() { for p in $SVC_PID $JWKS_PID; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
serve_jwks "$OUT" "$JWKS_PORT"

# shellcheck disable=SC2086
(cd "$OUT/work" && exec env -i PATH="$PATH" MALLOC_ARENA_MAX=2 CLERK_ISSUER_URL="http://127.0.0.1:$JWKS_PORT" PORT="$PORT" \
  MANAGEMENT_PORT="$MANAGEMENT_PORT" \
  java $JVM_FLAGS -jar "$PWD/../../clerk-vertx.jar" > ../service.log 2>&1) &
SVC_PID=$!
for _ in $(seq 200); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/ready")" = 200 ] && break; sleep 0.1; done
# the service is the java child of the subshell
JAVA_PID=$(pgrep -P "$SVC_PID" java || echo "$SVC_PID")

java bench/Hostile.java "$PORT" "$MANAGEMENT_PORT" "$OUT" "$JAVA_PID" "$OUT/work" "$OUT/service.log" ${1:-} | tee "$OUT/table.md"
echo
echo "service still up: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health"); peak RSS $(awk '/VmHWM/ {print int($2/1024)}' "/proc/$JAVA_PID/status") MB; ERROR lines in its log: $(grep -c ' ERROR ' "$OUT/service.log" || true)"
