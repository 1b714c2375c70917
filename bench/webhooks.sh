#!/usr/bin/env bash
# Webhook delivery (issue 14): latency from an event's commit to its arrival under a create load, the
# throughput of draining a backlog, and what a delivery costs the database, against a consumer on
# loopback (bench/WebhookSink.java, answering 204 at once).
#
#   bench/webhooks.sh
#
# 1. latency: wrk creates customers for BENCH_DURATION seconds (BENCH_CONCURRENCY connections); each
#    customer.created event goes to one endpoint; the sink measures occurred_at -> arrival.
# 2. throughput: BENCH_BACKLOG events are written with SQL, then one replay request queues them all
#    at once; the sink measures the drain (deliveries per second from the replay to the last arrival).
#    pg_stat_statements over the drain gives statements and database time per delivery.
#
# Settings (environment): BENCH_DURATION (default 20), BENCH_CONCURRENCY (default 4), BENCH_BACKLOG
# (default 10000, at most 10000: one replay request), BENCH_WARMUP seconds of creates first (default 20),
# APP_JAVA_OPTS (default "-Xmx256m -XX:+UseSerialGC"), BUILD=1 to package first. See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

DURATION="${BENCH_DURATION:-20}"
CONN="${BENCH_CONCURRENCY:-4}"
BACKLOG="${BENCH_BACKLOG:-10000}"
WARMUP="${BENCH_WARMUP:-20}"
export APP_JAVA_OPTS="${APP_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
ADMIN_TOKEN="bench-admin-$RANDOM$RANDOM"
WORK="$(mktemp -d /tmp/customers-bench-webhooks.XXXXXX)"
APP_PID=
SINK_PID=

cleanup() {
  set +e
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null
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

pg_start "$WORK" "max_connections = 200" "shared_buffers = 256MB" "max_wal_size = 4GB" \
  "shared_preload_libraries = 'pg_stat_statements'" "pg_stat_statements.track = all"
DB_USER=postgres DB_PASSWORD=postgres
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -At)

SINK_PORT=$(free_port)
java "$BENCH_DIR/WebhookSink.java" "$SINK_PORT" >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
SINK="http://127.0.0.1:$SINK_PORT"
for _ in $(seq 1 200); do curl -fsS -o /dev/null --max-time 1 "$SINK/stats" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null --max-time 1 "$SINK/stats" || { cat "$WORK/sink.log" >&2; die "the sink did not start"; }

app_start "$WORK/app.log" CUSTOMERS_RATE_LIMIT_ENABLED=false CUSTOMERS_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1
log "service ready in ${APP_READY_MS} ms on $APP_URL; sink on $SINK"

answer=$(curl -fsS --max-time 10 -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  --data-binary '{"name": "Webhook bench", "default_currency": "EUR"}' "$APP_URL/v1/admin/organizations")
KEY=$(jq -r '.data.api_key.secret' <<<"$answer")
ORG=$(jq -r '.data.organization.id' <<<"$answer")
endpoint=$(jq -n --arg url "$SINK/hook" '{url: $url, enabled_events: ["customer.created"]}' \
  | curl -fsS --max-time 10 -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    --data-binary @- "$APP_URL/v1/webhook-endpoints")
ENDPOINT=$(jq -r '.data.id' <<<"$endpoint")
echo "bench = { run = \"w$(date +%s)\", keys = { \"$KEY\" }, counts = { 0 } }" >"$WORK/bench-data.lua"
export BENCH_DATA="$WORK/bench-data.lua" BENCH_DIR

# sink_stats → "count distinct first_ms last_ms p50_ms p99_ms"
sink_stats() { curl -fsS --max-time 5 "$SINK/stats"; }
# wait_for <count> <seconds>: until the sink got <count> distinct deliveries
wait_for() {
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    read -r _ distinct _ _ _ _ < <(sink_stats)
    [ "$distinct" -ge "$1" ] && return 0
    sleep 0.1
  done
  die "the sink got $(sink_stats | cut -d' ' -f2) of $1 deliveries within $2 s"
}
customers() { "${PSQL[@]}" -c "SELECT count(*) FROM customers WHERE organization_id = '$ORG'"; }

log "warm-up: ${WARMUP}s of creates with deliveries (not measured)"
wrk -t 2 -c "$CONN" -d "${WARMUP}s" --timeout 10s -s "$BENCH_DIR/create_plain.lua" "$APP_URL" >/dev/null 2>&1
wait_for "$(customers)" 120
curl -fsS -X POST "$SINK/reset" >/dev/null

# --- 1. latency under a create load ---------------------------------------------------------------
before=$(customers)
log "latency: wrk creates, $CONN connections, ${DURATION}s"
out=$(wrk -t 2 -c "$CONN" -d "${DURATION}s" --timeout 10s -s "$BENCH_DIR/create_plain.lua" "$APP_URL" 2>&1)
CREATE_RPS=$(grep '^RESULT' <<<"$out" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  printf "%.0f", v["requests"] / (v["duration_us"] / 1e6) }')
created=$(( $(customers) - before ))
wait_for "$created" 120
read -r L_COUNT L_DISTINCT _ _ L_P50 L_P99 < <(sink_stats)

# --- 2. throughput: a backlog of BACKLOG events replayed at once -------------------------------------
log "throughput: writing $BACKLOG events, replaying them at once"
"${PSQL[@]}" -c "INSERT INTO events (organization_id, id, type, customer_id, occurred_at, actor_type, data)
  SELECT '$ORG', gen_random_uuid(), 'customer.created', NULL, now() - interval '1 hour' + g * interval '1 ms', 'system',
         '{\"changes\": {}}' FROM generate_series(1, $BACKLOG) g"
curl -fsS -X POST "$SINK/reset" >/dev/null
"${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
from=$(date -u -d '-2 hours' +%Y-%m-%dT%H:%M:%SZ); to=$(date -u -d '-30 minutes' +%Y-%m-%dT%H:%M:%SZ)
t0=$(date +%s%3N)
queued=$(curl -fsS --max-time 30 -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  --data-binary "{\"from\": \"$from\", \"to\": \"$to\"}" "$APP_URL/v1/webhook-endpoints/$ENDPOINT/replay" | jq -r '.data.deliveries')
wait_for "$BACKLOG" 600
read -r T_COUNT T_DISTINCT _ T_LAST _ _ < <(sink_stats)
DRAIN_MS=$(( T_LAST - t0 ))
read -r CALLS DB_MS < <("${PSQL[@]}" -F' ' -c "SELECT sum(calls), round(sum(total_exec_time)::numeric, 1) FROM pg_stat_statements
  WHERE query NOT LIKE '%pg_stat_statements%'")
"${PSQL[@]}" -F' | ' -c "SELECT calls, round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\s+', ' ', 'g'), 100)
  FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT 12" >"$WORK/statements.txt"

echo
echo "customers-service webhook benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, one replica ($APP_JAVA_OPTS),"
echo "one endpoint on a loopback sink answering 204; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "latency: $created customers created in ${DURATION}s ($CREATE_RPS creates/s, $CONN connections): $L_DISTINCT delivered"
echo "  ($L_COUNT requests); commit-to-arrival p50 $L_P50 ms, p99 $L_P99 ms"
echo "throughput: a backlog of $queued deliveries (one replay) drained in $DRAIN_MS ms:" \
  "$(awk -v n="$BACKLOG" -v ms="$DRAIN_MS" 'BEGIN { printf "%.0f", n * 1000 / ms }') deliveries/s ($T_DISTINCT distinct, $T_COUNT requests)"
echo "database per delivery during the drain: $(awk -v c="$CALLS" -v n="$BACKLOG" 'BEGIN { printf "%.1f", c / n }') statements," \
  "$(awk -v t="$DB_MS" -v n="$BACKLOG" 'BEGIN { printf "%.3f", t / n }') ms of execution"
echo "  (pg_stat_statements, top by calls: calls | mean ms | query)"
sed 's/^/  /' "$WORK/statements.txt"
echo
check() { if awk "BEGIN { exit !($2) }"; then echo "  PASS  $1"; else echo "  MISS  $1"; fi; }
check "deliveries/s >= 500 ($(awk -v n="$BACKLOG" -v ms="$DRAIN_MS" 'BEGIN { printf "%.0f", n * 1000 / ms }'))" \
  "$BACKLOG * 1000 / $DRAIN_MS >= 500"
check "commit-to-arrival p50 < 1000 ms ($L_P50 ms)" "$L_P50 < 1000"
