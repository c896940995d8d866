-- Workload 5: reads of workloads 1-4 in turn, and every 20th request an editor's updateSession.
-- wrk <url> -s mixed.lua -- <schedule.json> <session.json> <list.json> <GET path> <GET header> <mutation.json> <key> <session id>...
-- Each wrk thread edits its own session and keeps at most one edit in flight. It reads the session's
-- version first (an earlier run may have changed it) and then takes each new version from the answer, so
-- edits never conflict (a ConflictError would be counted as an error).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

done = report.done

local function read(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

function setup(thread)
  report.setup(thread)
end

local reads = {}
local mutation, key, session, version
local count, pending = 0, false

function init(args)
  graphql_errors = 0
  conflicts = 0
  local json = { ["Content-Type"] = "application/json" }
  for i = 1, 3 do
    table.insert(reads, wrk.format("POST", nil, json, read(args[i])))
  end
  local getHeaders = {}
  local name, value = args[5]:match("^([^:]+):%s*(.*)$")
  if name then getHeaders[name] = value end
  table.insert(reads, wrk.format("GET", args[4], getHeaders))
  mutation = read(args[6])
  key = args[7]
  session = args[7 + id]
end

local function authorized(body)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end

function request()
  count = count + 1
  if count % 20 == 0 and not pending then
    pending = true
    if not version then
      return authorized('{"query":"query($id: ID!) { currentVersion: node(id: $id) { ... on Session { version } } }","variables":{"id":"' .. session .. '"}}')
    end
    local title = (count % 40 == 0) and "Benchmark edit A" or "Benchmark edit B"
    local body = mutation:gsub("__ID__", session):gsub("__VERSION__", tostring(version)):gsub("__TITLE__", title)
    return authorized(body)
  end
  return reads[(count % #reads) + 1]
end

function response(status, headers, body)
  if pending and body and (body:find('"updateSession"', 1, true) or body:find('"currentVersion"', 1, true)) then
    pending = false
    local next = body:match('"version":(%d+)')
    if next then
      version = tonumber(next)
    else
      conflicts = conflicts + 1
      version = nil
    end
  end
  report.count(body)
end
