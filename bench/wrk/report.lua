-- Shared by the workload scripts: counts GraphQL errors in 200 bodies per thread, and prints one
-- machine-readable RESULT line that bench/run.sh parses.
local report = {}
local threads = {}

function report.setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function report.count(body)
  if body and body:find('"errors":[', 1, true) then
    graphql_errors = graphql_errors + 1
  end
end

function report.done(summary, latency)
  local failed = 0
  local conflicts = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("graphql_errors") or 0)
    conflicts = conflicts + (thread:get("conflicts") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d graphql_errors=%d conflicts=%d bytes=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout, failed, conflicts, summary.bytes))
end

return report
