-- One request repeated: wrk <url> -s request.lua -- <GET|POST> [body file] [Header: value]...
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

setup = report.setup
done = report.done

function init(args)
  graphql_errors = 0
  wrk.method = args[1]
  if args[2] and args[2] ~= "" then
    local file = assert(io.open(args[2], "rb"))
    wrk.body = file:read("*a")
    file:close()
    wrk.headers["Content-Type"] = "application/json"
  end
  for i = 3, #args do
    local name, value = args[i]:match("^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
end

function response(status, headers, body)
  report.count(body)
end
