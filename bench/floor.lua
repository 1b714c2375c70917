-- GET /q/health/live: the HTTP stack alone (Vert.x, the request filters, a blocking handler, a
-- small JSON answer), with no API key, no database and no customer. bench/run.sh measures it in
-- every round beside GET /v1/customers/{id}: what it reaches against pgbench's lookup is the most
-- any endpoint of this service could reach on the machine.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

request = function()
   return wrk.format("GET", "/q/health/live", { ["Accept"] = "application/json" })
end
