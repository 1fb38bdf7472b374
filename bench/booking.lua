-- wrk script: POST /bookings/book over distinct (token, session) pairs, or GET /health; counts statuses.
-- Args: mode ("book" | "health"), tokens file, sessions file, first pair, end pair (exclusive), threads.
-- Pair k is user k // S with session k % S (S sessions), so every k below users * S is a different
-- pair; thread t takes k = first + t, first + t + T, ... so threads never share a pair.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1]
  statuses, exhausted, k, last = {}, 0, 0, 0
  if mode ~= "book" then return end
  tokens, sessions = {}, {}
  for line in io.lines(args[2]) do tokens[#tokens + 1] = line end
  for line in io.lines(args[3]) do sessions[#sessions + 1] = line end
  step = tonumber(args[6])  -- setup() ran in another Lua state: the thread count comes from the caller
  k = tonumber(args[4]) + tid
  last = math.min(tonumber(args[5]), #tokens * #sessions)
end

function request()
  if mode ~= "book" then
    return wrk.format("GET", "/health")
  end
  if k >= last then
    -- Out of fresh pairs: stop this thread rather than send a repeat (a 409); reported as exhausted.
    exhausted = exhausted + 1
    wrk.thread:stop()
    return wrk.format("GET", "/health")
  end
  local user = math.floor(k / #sessions)
  local session = sessions[(k % #sessions) + 1]
  k = k + step
  return wrk.format("POST", "/bookings/book",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[user + 1]},
    '{"session_id": ' .. session .. '}')
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts, next_k, exhausted_total = {}, 0, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + n end
    next_k = math.max(next_k, thread:get("k"))
    exhausted_total = exhausted_total + thread:get("exhausted")
  end
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = string.format('"%d": %d', status, n) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"next_pair": %d, "exhausted": %d, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d}, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    next_k, exhausted_total, e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ", ")))
end
