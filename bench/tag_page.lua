-- GET /v1/customers?tags=<tag> (first page) of random organizations.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

request = function()
   return wrk.format("GET", "/v1/customers?tags=" .. bench.tag, auth(random_org()))
end
