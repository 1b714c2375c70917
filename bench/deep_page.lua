-- GET /v1/customers?cursor=<cursor of the row bench.deep_rows deep in the largest organization>.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

request = function()
   return wrk.format("GET", "/v1/customers?cursor=" .. bench.deep_cursor, auth(1))
end
