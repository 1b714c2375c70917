-- A mixed load for the memory soak of bench/run.sh: 70% GET /v1/customers/{id}, 20% first list
-- page, 10% creates, over random organizations.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local counter = 0

request = function()
   local k = random_org()
   local r = math.random()
   if r < 0.70 then
      return wrk.format("GET", "/v1/customers/" .. customer_id(k, math.random(1, bench.counts[k])), auth(k))
   elseif r < 0.90 then
      return wrk.format("GET", "/v1/customers", auth(k))
   end
   counter = counter + 1
   local gold = math.random() < 0.05
   local body = string.format('{"external_id":"mix-%s-%d-%d","name":"Mixed %d","tags":["bench"%s],'
      .. '"custom_fields":{"tier":"%s"}}', run_id(), thread_id or 0, counter, counter,
      math.random() < 0.05 and ',"vip"' or '', gold and "gold" or "standard")
   return wrk.format("POST", "/v1/customers", json_auth(k), body)
end
