-- GET /v1/customers/{id} over random seeded customers of random organizations.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

request = function()
   local k = random_org()
   local n = math.random(1, bench.counts[k])
   return wrk.format("GET", "/v1/customers/" .. customer_id(k, n), auth(k))
end
