# Shared by bench/run.sh and bench/hostile.sh: logging, the tools they need, a work folder removed on exit with
# every process started, and starting the server from its build on loopback. The caller sets root, server_dll,
# server_url and editor_key before start_server; extra_server_env (an array of NAME=value) adds configuration.
log() { echo "== $*" >&2; }
fail() { echo "bench: $*" >&2; exit 1; }

for tool in wrk jq curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    log "installing $tool"
    (apt-get update -qq && apt-get install -y -qq "$tool") >/dev/null 2>&1 || fail "could not install $tool"
  fi
done

work=$(mktemp -d /tmp/summit-bench.XXXXXX)
started_pids=()
extra_server_env=()
cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Waits for the first answered GraphQL query; prints the milliseconds since $2 (the launch).
wait_for_answer() {
  local pid=$1 launched=$2 deadline=$(($(now_ms) + 120000))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' -d '{"query":"{ event { name } }"}' "$server_url/graphql")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || fail "the server exited during start-up (log: $work/server.log)"
    [ "$(now_ms)" -lt "$deadline" ] || fail "the server did not answer within 120 s"
    sleep 0.02
  done
  echo $(($(now_ms) - launched))
}

start_server() { # data directory -> sets server_pid, startup_ms
  local launched
  launched=$(now_ms)
  # Started from its own folder, as a deployment runs it: the content root is the working directory, and
  # appsettings.json (with its log levels) is read from there. The mixed workload's one editor key sends more
  # mutations per second than the per-key rate limit allows a person, so the limit is lifted for it.
  (cd "$(dirname "$server_dll")" && exec env Database__DataDirectory="$1" GraphQL__ExposeSqlStatementCount=true \
    Auth__BootstrapEditorKey="$editor_key" RateLimits__MutationsPerSecond=0 ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    "${extra_server_env[@]}" dotnet "$server_dll" --urls "$server_url") >>"$work/server.log" 2>&1 &
  server_pid=$!
  started_pids+=("$server_pid")
  startup_ms=$(wait_for_answer "$server_pid" "$launched")
}

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

