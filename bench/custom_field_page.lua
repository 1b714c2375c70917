-- GET /v1/customers?custom_fields[tier]=gold (first page) of random organizations: the custom field
-- filter (issue 13), to compare with tag_page (the same selectivity, 5%; see seed.sql).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

request = function()
   return wrk.format("GET", "/v1/customers?custom_fields%5Btier%5D=gold", auth(random_org()))
end
