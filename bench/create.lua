-- POST /v1/customers with a new external id every time (creates customer, wallet and event).
-- Tags follow the seed's distribution (eu 60%, trial 20%, enterprise 10%, vip 5%), so that the
-- rows created here do not change what the tag-filtered page measures in later runs; the custom field
-- tier likewise (gold 5%, else standard), for the custom-field page.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local counter = 0
local function tags()
   local t = { '"bench"' }
   if math.random() < 0.60 then t[#t + 1] = '"eu"' end
   if math.random() < 0.20 then t[#t + 1] = '"trial"' end
   if math.random() < 0.10 then t[#t + 1] = '"enterprise"' end
   if math.random() < 0.05 then t[#t + 1] = '"vip"' end
   return table.concat(t, ",")
end

request = function()
   counter = counter + 1
   local k = random_org()
   local body = string.format(
      '{"external_id":"new-%s-%d-%d","name":"Bench customer %d","email":"bench%d@example.com",'
      .. '"tags":[%s],"metadata":{"source":"wrk"},"custom_fields":{"tier":"%s"}}',
      run_id(), thread_id or 0, counter, counter, counter, tags(), math.random() < 0.05 and "gold" or "standard")
   return wrk.format("POST", "/v1/customers", json_auth(k), body)
end
