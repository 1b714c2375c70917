-- POST /v1/customers with the external id of an existing seeded customer (idempotent upsert that
-- changes the name, so every request writes the customer and a customer.updated event).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local counter = 0
request = function()
   counter = counter + 1
   local k = random_org()
   local n = math.random(1, bench.counts[k])
   local body = string.format('{"external_id":"ext-%d","name":"Upserted %s %d %d"}', n, bench.run, thread_id or 0, counter)
   return wrk.format("POST", "/v1/customers", json_auth(k), body)
end
