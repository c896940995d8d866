-- Workload 5: reads of workloads 1-4 in turn, and every 20th request an editor's updateSession.
-- wrk <url> -s mixed.lua -- <schedule.json> <session.json> <list.json> <GET path> <GET header> <mutation.json> <key> <id:version>...
-- Each wrk thread edits its own session and keeps at most one mutation in flight, reading the new
-- version from the answer, so edits never conflict with each other (a ConflictError would be counted).
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
  session, version = args[7 + id]:match("^(.*):(%d+)$")
  version = tonumber(version)
end

function request()
  count = count + 1
  if count % 20 == 0 and not pending then
    pending = true
    local title = (count % 40 == 0) and "Benchmark edit A" or "Benchmark edit B"
    local body = mutation:gsub("__ID__", session):gsub("__VERSION__", tostring(version)):gsub("__TITLE__", title)
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
  end
  return reads[(count % #reads) + 1]
end

function response(status, headers, body)
  if pending and body and body:find('"updateSession"', 1, true) then
    pending = false
    local next = body:match('"version":(%d+)')
    if next then
      version = tonumber(next)
    else
      conflicts = conflicts + 1
    end
  end
  report.count(body)
end
