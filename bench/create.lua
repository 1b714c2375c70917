-- POST /v1/customers with a new external id every time (creates customer, wallet and event).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local counter = 0
request = function()
   counter = counter + 1
   local k = random_org()
   local body = string.format(
      '{"external_id":"new-%s-%d-%d","name":"Bench customer %d","email":"bench%d@example.com",'
      .. '"tags":["bench","new"],"metadata":{"source":"wrk"}}',
      bench.run, thread_id or 0, counter, counter, counter)
   return wrk.format("POST", "/v1/customers", json_auth(k), body)
end
