#!/usr/bin/env bash
# What an Idempotency-Key costs a create: POST /v1/customers without a key (bench/create_idem.lua's
# twin, bench/create_plain.lua) and with a new key per request (bench/create_idem.lua), in
# interleaved rounds so that both see the same machine (a noisy machine moves both alike), and the
# ratio of their throughputs.
#
#   bench/idempotency.sh
#
# Settings (environment): BENCH_ROUNDS (default 6), BENCH_DURATION seconds per run (default 10),
# BENCH_CONCURRENCY connections (default 16), BENCH_WARMUP seconds per script (default 10),
# APP_JAVA_OPTS (default "-Xmx256m -XX:+UseSerialGC"), BUILD=1 to package first. See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

ROUNDS="${BENCH_ROUNDS:-6}"
DURATION="${BENCH_DURATION:-10}"
CONN="${BENCH_CONCURRENCY:-16}"
WARMUP="${BENCH_WARMUP:-10}"
ORGS=10
export APP_JAVA_OPTS="${APP_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
ADMIN_TOKEN="bench-admin-$RANDOM$RANDOM"
WORK="$(mktemp -d /tmp/customers-bench-idem.XXXXXX)"
APP_PID=

cleanup() {
  set +e
  app_stop
  pg_ctl_stop immediate
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || { log "installing wrk"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v wrk >/dev/null || die "wrk is not installed"
command -v jq >/dev/null || die "jq is not installed"
ensure_jar

pg_start "$WORK" "max_connections = 200" "shared_buffers = 256MB" "max_wal_size = 4GB"
DB_USER=postgres DB_PASSWORD=postgres
app_start "$WORK/app.log" CUSTOMERS_RATE_LIMIT_ENABLED=false
log "service ready in ${APP_READY_MS} ms on $APP_URL"

RUN_ID="i$(date +%s)"
{
  echo "bench = { run = \"$RUN_ID\", keys = {}, counts = {} }"
  for k in $(seq 1 $ORGS); do
    key=$(jq -n --arg name "Bench organization $k" '{name: $name, default_currency: "EUR"}' \
      | curl -fsS --max-time 10 -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
        --data-binary @- "$APP_URL/v1/admin/organizations" | jq -r '.data.api_key.secret')
    echo "bench.keys[$k] = \"$key\"; bench.counts[$k] = 0"
  done
} >"$WORK/bench-data.lua"
export BENCH_DATA="$WORK/bench-data.lua" BENCH_DIR

# wrk_rps <script> <seconds> → "rps non2xx"
wrk_rps() {
  local out line
  out=$(wrk -t 2 -c "$CONN" -d "${2}s" --timeout 10s -s "$BENCH_DIR/$1.lua" "$APP_URL" 2>&1) || { echo "$out" >&2; echo "0 1"; return; }
  line=$(grep '^RESULT' <<<"$out") || { echo "$out" >&2; echo "0 1"; return; }
  awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         printf "%.1f %d\n", v["requests"] / (v["duration_us"] / 1e6), v["non2xx"] + v["socket_errors"] }' <<<"$line"
}

log "warm-up: ${WARMUP}s of each"
wrk_rps create_plain "$WARMUP" >/dev/null
wrk_rps create_idem "$WARMUP" >/dev/null

plain_sum=0; idem_sum=0
printf '%-6s %12s %12s %8s\n' round "plain req/s" "key req/s" ratio
for r in $(seq 1 "$ROUNDS"); do
  # alternate which goes first, so that a trend in the machine's load does not favour one
  if [ $(( r % 2 )) = 1 ]; then
    read -r plain perr < <(wrk_rps create_plain "$DURATION"); read -r idem ierr < <(wrk_rps create_idem "$DURATION")
  else
    read -r idem ierr < <(wrk_rps create_idem "$DURATION"); read -r plain perr < <(wrk_rps create_plain "$DURATION")
  fi
  [ "$perr" = 0 ] && [ "$ierr" = 0 ] || die "round $r: non-2xx answers or socket errors (plain $perr, key $ierr)"
  printf '%-6s %12s %12s %8s\n' "$r" "$plain" "$idem" "$(awk -v a="$idem" -v b="$plain" 'BEGIN { printf "%.3f", a / b }')"
  plain_sum=$(awk -v a="$plain_sum" -v b="$plain" 'BEGIN { print a + b }')
  idem_sum=$(awk -v a="$idem_sum" -v b="$idem" 'BEGIN { print a + b }')
done
keys=$(psql -X -At -c "SELECT count(*) FROM idempotency_keys")
printf 'overall: with an Idempotency-Key creates run at %s of the throughput without (%s vs %s req/s, %d connections, %d x %ds rounds; %s keys stored)\n' \
  "$(awk -v a="$idem_sum" -v b="$plain_sum" 'BEGIN { printf "%.1f%%", 100 * a / b }')" \
  "$(awk -v a="$idem_sum" -v n="$ROUNDS" 'BEGIN { printf "%.0f", a / n }')" \
  "$(awk -v a="$plain_sum" -v n="$ROUNDS" 'BEGIN { printf "%.0f", a / n }')" "$CONN" "$ROUNDS" "$DURATION" "$keys"
