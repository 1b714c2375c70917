-- create.lua with an Idempotency-Key on every request (a new key each time, as a client that
-- retries safely sends): what the key costs a create. bench/idempotency.sh compares the two.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local counter = 0

request = function()
   counter = counter + 1
   local k = random_org()
   local body = string.format(
      '{"external_id":"idem-%s-%d-%d","name":"Bench customer %d","email":"bench%d@example.com",'
      .. '"tags":["bench","eu"],"metadata":{"source":"wrk"}}',
      run_id(), thread_id or 0, counter, counter, counter)
   local headers = json_auth(k)
   headers["Idempotency-Key"] = string.format("%s-%d-%d", run_id(), thread_id or 0, counter)
   return wrk.format("POST", "/v1/customers", headers, body)
end
