-- GET /v1/customers (first page, default limit 20) of random organizations.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

request = function()
   return wrk.format("GET", "/v1/customers", auth(random_org()))
end
