-- Shared by every bench/*.lua script. bench/run.sh writes the data file (organization keys and
-- ids, customers per organization, the deep cursor) and names it in BENCH_DATA.
dofile(os.getenv("BENCH_DATA"))

local thread_counter = 0
function setup(thread)
   thread_counter = thread_counter + 1
   thread:set("thread_id", thread_counter)
end

function init(args)
   math.randomseed(os.time() * 1000 + (thread_id or 0))
   wrk_run = string.format("%x%04x", os.time(), math.random(0, 65535))
end

-- What makes the external ids and Idempotency-Keys of one wrk run new to every later run: each
-- run starts its counters again (before 2026-11-29, the second and third create rounds of
-- bench/run.sh re-sent the first round's external ids, and were partly upserts).
function run_id()
   return bench.run .. "." .. wrk_run
end

-- Customer ids of the seeded data are deterministic: organization index k, row number n.
function customer_id(k, n)
   return string.format("%08x-0000-7000-8000-%012x", k, n)
end

function random_org()
   return math.random(1, #bench.keys)
end

function auth(k)
   return { ["Authorization"] = "Bearer " .. bench.keys[k], ["Accept"] = "application/json" }
end

function json_auth(k)
   local h = auth(k)
   h["Content-Type"] = "application/json"
   return h
end

-- One machine-readable line per run: bench/run.sh parses it.
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      e.status, e.connect + e.read + e.write + e.timeout))
end
