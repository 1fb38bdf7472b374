-- wrk script: sends the requests listed in a file, formatted once at start-up, and counts statuses.
-- Args: requests file, mode ("cycle": wrap around | "once": never repeat a line), threads.
-- One request per line, tab-separated: METHOD, PATH, BODY ("-" for none), then any number of "Name: value"
-- headers. Thread t sends lines t, t + T, t + 2T, ... so threads never share a line; in "once" mode a thread
-- that reaches the end stops (reported as exhausted) rather than repeat a request such as a booking.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local function parse(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
  local headers = {}
  for i = 4, #fields do
    local name, value = fields[i]:match("^([^:]+):%s*(.*)$")
    if name then headers[name] = value end
  end
  local body = fields[3]
  if body == "-" then body = nil end
  return wrk.format(fields[1], fields[2], headers, body)
end

function init(args)
  statuses, exhausted, sent = {}, 0, 0
  once = args[2] == "once"
  step = tonumber(args[3])  -- setup() ran in another Lua state: the thread count comes from the caller
  lines = {}
  for line in io.lines(args[1]) do
    if line ~= "" then lines[#lines + 1] = parse(line) end
  end
  k = tid  -- 0-based index of the next line this thread sends
end

function request()
  if k >= #lines then
    if once then
      exhausted = exhausted + 1
      wrk.thread:stop()
      return lines[1]  -- never answered: the thread is stopping
    end
    k = k % #lines
  end
  local raw = lines[k + 1]
  k = k + step
  sent = sent + 1
  return raw
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts, consumed, exhausted_total = {}, 0, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + n end
    consumed = math.max(consumed, thread:get("k"))
    exhausted_total = exhausted_total + thread:get("exhausted")
  end
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = string.format('"%d": %d', status, n) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"consumed": %d, "exhausted": %d, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d}, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    consumed, exhausted_total, e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ", ")))
end
