-- The twin of create_idem.lua without the Idempotency-Key header: bench/idempotency.sh compares them.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local counter = 0

request = function()
   counter = counter + 1
   local k = random_org()
   local body = string.format(
      '{"external_id":"plain-%s-%d-%d","name":"Bench customer %d","email":"bench%d@example.com",'
      .. '"tags":["bench","eu"],"metadata":{"source":"wrk"}}',
      run_id(), thread_id or 0, counter, counter, counter)
   local headers = json_auth(k)
   return wrk.format("POST", "/v1/customers", headers, body)
end
