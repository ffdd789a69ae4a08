# Sourced by the bench scripts (run from the project's root): what they all need.

# The distribution `./mvnw package` builds: target/clerk-vertx-VERSION.
dist_dir() {
  echo "target/clerk-vertx-$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
}

# Serves DIR/jwks.json on 127.0.0.1:PORT (bench/BenchKeys.java serve) in the background, its pid in
# JWKS_PID and its log in DIR/jwks.log; returns once it answers, fails after 10 s (set the EXIT trap that
# kills $JWKS_PID first).
serve_jwks() { # DIR PORT
  java bench/BenchKeys.java serve "$1" "$2" > "$1/jwks.log" 2>&1 &
  JWKS_PID=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$2/count" > /dev/null && return 0
    sleep 0.1
  done
  echo "the local JWKS server did not answer on port $2: $(cat "$1/jwks.log")" >&2
  return 1
}
