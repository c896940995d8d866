#!/usr/bin/env bash
# The hostile benchmark (see bench/README.md, "Hostile requests"). Starts the server on loopback with a fresh
# SQLite database and sends generated worst cases for every dimension a request can grow in (boolean width and
# depth, list lengths, directives, aliases, fragments, variables, tokens, Markdown, the envelope), first alone
# to measure each (HTTP status, server CPU ms per request, response bytes), then again and again while wrk runs
# the schedule workload, whose p50 is compared with its quiet value. Ends with the server's RSS.
#
#   bench/hostile.sh              full run: 20 s phases, each case 10 times; report in bench/results/hostile.md
#   bench/hostile.sh --smoke      CI's short run: 2 s phases, each case twice, no report file; asserts only what
#                                 does not depend on the machine's speed (no crash, no 5xx, small coded refusals)
#   options: --duration S  --repeat N  --connections N  --no-build  --configuration C  --output FILE
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=20
repeat=10
connections=16
build=1
smoke=0
configuration=Release
output="$root/bench/results/hostile.md"

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1; duration=2; repeat=2; output="" ;;
    --duration) duration=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    --connections) connections=$2; shift ;;
    --no-build) build=0 ;;
    --configuration) configuration=$2; shift ;;
    --output) output=$2; shift ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

source "$root/bench/common.sh"
command -v node >/dev/null 2>&1 || fail "the hostile cases need Node.js"

cd "$root"
if [ "$build" = 1 ]; then
  log "building ($configuration)"
  dotnet build src/Summit.Graph/Summit.Graph.csproj -c "$configuration" --nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "the build failed"; }
fi
server_dll="$root/src/Summit.Graph/bin/$configuration/net10.0/Summit.Graph.dll"
[ -f "$server_dll" ] || fail "$server_dll is missing; build without --no-build"

port=$((20000 + RANDOM % 20000))
server_url="http://127.0.0.1:$port"
editor_key="hostile-$RANDOM$RANDOM$RANDOM"
# Each case is measured through its whole path, not stopped early by the expensive-query rate (which would
# answer 429 after the first few and hide what the case itself costs).
extra_server_env=(RateLimits__ExpensiveQueriesPerSecond=0)
start_server "$work/data"
log "server up in ${startup_ms} ms (pid $server_pid)"

jq -Rs --arg e kubevirt-summit-2021 '{query: ., variables: {event: $e}}' schema/operations/Schedule.graphql >"$work/schedule.json"
event_id=$(curl -s -H 'content-type: application/json' -d '{"query":"{ event { id } }"}' "$server_url/graphql" | jq -r .data.event.id)

schedule_p50() { # seconds -> the schedule's p50 in microseconds over that run
  wrk -t1 -c"$connections" -d"${1}s" --timeout 10s -s bench/wrk/request.lua "$server_url/graphql" -- POST "$work/schedule.json" \
    | sed -n 's/^RESULT.*p50_us=\([0-9]*\).*/\1/p'
}

log "warm-up and quiet schedule p50 (${duration} s)"
schedule_p50 "$duration" >/dev/null
quiet_p50=$(schedule_p50 "$duration")

log "each case alone, $repeat times"
node bench/hostile/cases.mjs "$server_url" "$server_pid" "$repeat" "$editor_key" "$event_id" >"$work/cases.jsonl"

log "the schedule under attack (${duration} s)"
schedule_p50 "$duration" >"$work/attacked_p50" &
wrk_pid=$!
rounds=0
# Bounded: at most 100 rounds, and never past the wrk run.
while kill -0 "$wrk_pid" 2>/dev/null && [ "$rounds" -lt 100 ]; do
  node bench/hostile/cases.mjs "$server_url" "$server_pid" 1 "$editor_key" "$event_id" >>"$work/attack.jsonl"
  rounds=$((rounds + 1))
done
wait "$wrk_pid"
attacked_p50=$(cat "$work/attacked_p50")

kill -0 "$server_pid" 2>/dev/null || fail "the server died (log: $work/server.log)"
alive=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' -d '{"query":"{ event { slug } }"}' "$server_url/graphql")
rss_mb=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
peak_mb=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
five_hundreds=$(cat "$work/cases.jsonl" "$work/attack.jsonl" | jq -s '[.[] | .statuses[] | select(. >= 500)] | length')

report=$(
  echo "# Hostile requests ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, ${configuration})"
  echo
  echo "Each case sent once unmeasured, then $repeat times alone; CPU is the server process's user + system time per request."
  echo
  echo "| case | dimension | request bytes | HTTP status | CPU ms/request | response bytes | code |"
  echo "|---|---|---:|---|---:|---:|---|"
  jq -r '"| \(.name) | \(.dimension) | \(.requestBytes) | \(.statuses | map(tostring) | join(", ")) | \(.cpuMs * 10 | round / 10) | \(.responseBytes) | \(.code) |"' "$work/cases.jsonl"
  echo
  echo "- schedule p50: quiet $(awk -v u="$quiet_p50" 'BEGIN { printf "%.2f", u / 1000 }') ms, under attack $(awk -v u="$attacked_p50" 'BEGIN { printf "%.2f", u / 1000 }') ms ($(awk -v a="$attacked_p50" -v q="$quiet_p50" 'BEGIN { printf "x%.2f", a / q }')), $rounds rounds of every case during the run"
  echo "- server after the run: answers $alive, RSS $rss_mb MB (peak $peak_mb MB), 5xx answers: $five_hundreds"
)
echo "$report"
if [ -n "$output" ]; then
  mkdir -p "$(dirname "$output")"
  echo "$report" >"$output"
fi

# Targets. Machine-independent ones always; CPU, RSS and latency only in a full run.
failures=0
check() { if ! eval "$2"; then echo "TARGET MISSED: $1" >&2; failures=$((failures + 1)); fi; }
check "the server answers after the run" '[ "$alive" = 200 ]'
check "no 5xx answer" '[ "$five_hundreds" = 0 ]'
check "every case answered" '[ "$(cat "$work/cases.jsonl" "$work/attack.jsonl" | jq -s "[.[] | .statuses[] | select(. == 0)] | length")" = 0 ]'
check "every refusal is a coded error under 10 KB" \
  '[ "$(jq -s "[.[] | select(.code != \"data\" and (.code == null or .responseBytes >= 10240))] | length" "$work/cases.jsonl")" = 0 ]'
if [ "$smoke" = 0 ]; then
  check "every refusal under 20 ms of CPU" '[ "$(jq -s "[.[] | select(.code != \"data\" and .cpuMs >= 20)] | length" "$work/cases.jsonl")" = 0 ]'
  check "RSS under 400 MB" '[ "$rss_mb" -lt 400 ]'
  check "the schedule p50 under attack below twice its quiet value" '[ "$attacked_p50" -lt $((2 * quiet_p50)) ]'
fi
[ "$failures" = 0 ] || exit 1
