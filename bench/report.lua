-- wrk script of bench/run.py: counts responses outside 2xx in every thread and, when wrk
-- finishes, prints one machine-readable line (BENCH key=value ...) that run.py parses.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  bad_status = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    bad_status = status
  end
end

function done(summary, latency, requests)
  local non2xx_total, bad = 0, 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
    local status = thread:get("bad_status")
    if status ~= 0 then bad = status end
  end
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f non2xx=%d bad_status=%d "
      .. "connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, non2xx_total, bad, errors.connect, errors.read, errors.write, errors.timeout, errors.status
  ))
end
