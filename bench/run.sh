#!/usr/bin/env bash
# Benchmark of the packaged service against the PostgreSQL ceiling on this machine.
#
#   bench/run.sh
#
# Starts a throw-away PostgreSQL (or uses QUARKUS_DATASOURCE_JDBC_URL / _USERNAME / _PASSWORD),
# starts the service from target/quarkus-app/quarkus-run.jar (built when missing) in the prod
# profile, seeds customers with set-based SQL, drives it with wrk (bench/*.lua) and the equivalent
# SQL with pgbench, and prints one table. See docs/benchmarks.md.
#
# Settings (environment):
#   BENCH_CUSTOMERS     customers to seed over 10 organizations (default 1000000; 55% in the largest)
#   BENCH_DEEP_ROWS     depth of the deep page in the largest organization (default half of BENCH_CUSTOMERS)
#   BENCH_DURATION      seconds per wrk / pgbench run (default 15)
#   BENCH_WARMUP        seconds of unmeasured wrk load per operation before measuring (default 10)
#   BENCH_CONCURRENCY   connections, space-separated (default "8 32 64")
#   BENCH_OPS           operations to run (default "get first_page tag_page custom_field_page deep_page create upsert")
#   APP_JAVA_OPTS       JVM options of the service (default "-Xmx256m -XX:+UseSerialGC", like a 512 MiB container)
#   BENCH_KEEP=1        keep the work directory (logs, pgbench logs) after the run
#   BENCH_NMT=1         add -XX:NativeMemoryTracking=summary to APP_JAVA_OPTS yourself, and get the summary
#   BUILD=1             package the service even when the jar exists
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="$ROOT/bench"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

CUSTOMERS="${BENCH_CUSTOMERS:-1000000}"
DEEP_ROWS="${BENCH_DEEP_ROWS:-$(( CUSTOMERS / 2 ))}"
DURATION="${BENCH_DURATION:-15}"
WARMUP="${BENCH_WARMUP:-10}"
CONCURRENCY="${BENCH_CONCURRENCY:-8 32 64}"
OPS="${BENCH_OPS:-get first_page tag_page custom_field_page deep_page create upsert}"
ORGS=10
TAG=vip
# -Xmx256m and SerialGC: what the JVM picks by itself in a 512 MiB container (k8s/ limits)
export APP_JAVA_OPTS="${APP_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
ADMIN_TOKEN="bench-admin-$RANDOM$RANDOM"
WORK="$(mktemp -d /tmp/customers-bench.XXXXXX)"
OWN_PG=0
APP_PID=
SAMPLER_PID=

cleanup() {
  set +e
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  app_stop
  [ "$OWN_PG" = 1 ] && pg_ctl_stop immediate
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || { log "installing wrk"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v wrk >/dev/null || die "wrk is not installed"
# jq reads the service's JSON answers
command -v jq >/dev/null || { log "installing jq"; apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
command -v jq >/dev/null || die "jq is not installed"
[ -x "$PG_BIN/pgbench" ] || die "pgbench not found in $PG_BIN"
ensure_jar

# --- database ------------------------------------------------------------------------------------
if [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  JDBC_URL="$QUARKUS_DATASOURCE_JDBC_URL"
  DB_USER="${QUARKUS_DATASOURCE_USERNAME:-postgres}"
  DB_PASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-}"
  hostportdb="${JDBC_URL#jdbc:postgresql://}"; hostportdb="${hostportdb%%\?*}"
  export PGHOST="${hostportdb%%[:/]*}" PGDATABASE="${hostportdb#*/}" PGUSER="$DB_USER" PGPASSWORD="$DB_PASSWORD"
  case "$hostportdb" in *:*) PGPORT="${hostportdb#*:}"; PGPORT="${PGPORT%%/*}";; *) PGPORT=5432;; esac
  export PGPORT
  log "using the configured database $PGHOST:$PGPORT/$PGDATABASE (the seed adds 10 organizations to it)"
else
  OWN_PG=1
  pg_start "$WORK" "max_connections = 300" "shared_buffers = 512MB" "max_wal_size = 4GB" \
    "checkpoint_timeout = 15min" "shared_preload_libraries = 'pg_stat_statements'" "pg_stat_statements.track = all"
  DB_USER=postgres DB_PASSWORD=postgres
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PGPORT ($WORK/pgdata)"
fi
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -At)

# --- first start: migrations, organizations ------------------------------------------------------
log "starting the service (first start: Liquibase migrates the empty database)"
app_start "$WORK/app-first.log" CUSTOMERS_RATE_LIMIT_ENABLED=false
FIRST_READY_MS=$APP_READY_MS
declare -a ORG_IDS KEYS
for k in $(seq 1 $ORGS); do
  answer=$(jq -n --arg name "Bench organization $k" '{name: $name, default_currency: "EUR"}' \
    | curl -fsS --max-time 10 -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      --data-binary @- "$APP_URL/v1/admin/organizations")
  KEYS[$k]=$(jq -r '.data.api_key.secret' <<<"$answer")
  ORG_IDS[$k]=$(jq -r '.data.organization.id' <<<"$answer")
  [[ "${ORG_IDS[$k]}" =~ ^[0-9a-f-]{36}$ ]] || die "unexpected admin answer: $answer"
done
app_stop

# --- seed ----------------------------------------------------------------------------------------
BIG=$(( CUSTOMERS * 55 / 100 ))
OTHER=$(( (CUSTOMERS - BIG) / (ORGS - 1) ))
[ "$DEEP_ROWS" -lt "$BIG" ] || die "BENCH_DEEP_ROWS ($DEEP_ROWS) must be below the largest organization's $BIG rows"
declare -a COUNTS
values=""
for k in $(seq 1 $ORGS); do
  COUNTS[$k]=$([ "$k" = 1 ] && echo "$BIG" || echo "$OTHER")
  values+="${values:+,}($k, '${ORG_IDS[$k]}'::uuid, ${COUNTS[$k]})"
done
log "seeding $CUSTOMERS customers (largest organization $BIG, others $OTHER each), their wallets and events"
t0=$(date +%s)
sed "s/:bench_orgs_values/$values/" "$BENCH_DIR/seed.sql" | "${PSQL[@]}" -f - >"$WORK/seed.log" 2>&1 \
  || { cat "$WORK/seed.log" >&2; die "seed failed"; }
SEED_S=$(( $(date +%s) - t0 ))
log "seeded in ${SEED_S}s: $("${PSQL[@]}" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"

# --- second start on the seeded database: start-to-ready and RSS at ready -------------------------
app_start "$WORK/app.log" CUSTOMERS_RATE_LIMIT_ENABLED=false
READY_MS=$APP_READY_MS
RSS_READY=$(rss_mb "$APP_PID")
log "ready in ${READY_MS} ms (first start with migrations: ${FIRST_READY_MS} ms), RSS ${RSS_READY} MB"
( max=0; for _ in $(seq 1 100000); do
    r=$(rss_mb "$APP_PID"); [ "${r:-0}" -gt "$max" ] && { max=$r; echo "$max" >"$WORK/rss-max"; }
    kill -0 "$APP_PID" 2>/dev/null || exit 0; sleep 0.5
  done ) &
SAMPLER_PID=$!

# --- the deep cursor: built from the row DEEP_ROWS deep, with the fingerprint of a real cursor ----
first=$(curl -fsS --max-time 10 -H "Authorization: Bearer ${KEYS[1]}" "$APP_URL/v1/customers?limit=1")
sample=$(jq -r '.pagination.next_cursor' <<<"$first")
pad() { local s="$1"; while [ $(( ${#s} % 4 )) -ne 0 ]; do s+="="; done; printf '%s' "$s"; }
fingerprint=$(pad "$sample" | tr '_-' '/+' | base64 -d | cut -d'|' -f4)
deep=$("${PSQL[@]}" -F'|' -c "SELECT (extract(epoch FROM created_at) * 1000000)::bigint, id FROM customers
  WHERE organization_id = '${ORG_IDS[1]}' AND deleted_at IS NULL ORDER BY created_at DESC, id DESC
  OFFSET $(( DEEP_ROWS - 1 )) LIMIT 1")
DEEP_CURSOR=$(printf 'c1|%s|%s' "$deep" "$fingerprint" | base64 -w0 | tr '+/' '-_' | tr -d '=')
curl -fsS -o /dev/null --max-time 10 -H "Authorization: Bearer ${KEYS[1]}" "$APP_URL/v1/customers?cursor=$DEEP_CURSOR" \
  || die "the constructed deep cursor was refused"

RUN_ID="r$(date +%s)"
{
  echo "bench = { run = \"$RUN_ID\", tag = \"$TAG\", deep_cursor = \"$DEEP_CURSOR\", keys = {}, counts = {} }"
  for k in $(seq 1 $ORGS); do
    echo "bench.keys[$k] = \"${KEYS[$k]}\"; bench.counts[$k] = ${COUNTS[$k]}"
  done
} >"$WORK/bench-data.lua"
export BENCH_DATA="$WORK/bench-data.lua" BENCH_DIR

# --- pgbench scripts: the SQL the service runs, per organization (weights equal, like wrk) --------
mkdir -p "$WORK/pgb"
for k in $(seq 1 $ORGS); do
  org=${ORG_IDS[$k]}
  cat >"$WORK/pgb/get_$k.sql" <<SQL
\set n random(1, ${COUNTS[$k]})
SELECT * FROM customers WHERE organization_id = '$org' AND id = ('$(printf %08x "$k")-0000-7000-8000-' || lpad(to_hex(:n::bigint), 12, '0'))::uuid;
SQL
  cat >"$WORK/pgb/list_$k.sql" <<SQL
SELECT * FROM customers WHERE organization_id = '$org' AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 21;
SQL
  cat >"$WORK/pgb/create_$k.sql" <<SQL
BEGIN;
INSERT INTO customers (organization_id, id, external_id, name, email, status, tags, metadata, version, created_at, updated_at) VALUES ('$org', gen_random_uuid(), 'pgb-' || gen_random_uuid(), 'Bench customer', 'bench@example.com', 'ACTIVE', CASE WHEN random() < 0.05 THEN '{bench,eu,vip}' ELSE '{bench,eu}' END::text[], '{"source": "pgbench"}', 1, now(), now()) RETURNING id AS cid \gset
INSERT INTO wallets (organization_id, id, customer_id, currency, mode, is_primary, created_at, updated_at) VALUES ('$org', gen_random_uuid(), :cid, 'EUR', 'POSTPAID', true, now(), now());
INSERT INTO events (organization_id, id, type, customer_id, occurred_at, actor_type, data) VALUES ('$org', gen_random_uuid(), 'customer.created', :cid, now(), 'api_key', '{"changes": {}}');
END;
SQL
done
pgb_files() { local op="$1" args="" k; for k in $(seq 1 $ORGS); do args+=" -f $WORK/pgb/${op}_$k.sql@1"; done; echo "$args"; }

# pgbench_run <op> <clients> → "tps p50_ms p99_ms failures"
pgbench_run() {
  local op="$1" c="$2" out prefix
  prefix="$WORK/pgb/log-$op-$c"
  # shellcheck disable=SC2046
  out=$("$PG_BIN/pgbench" -n -M prepared -c "$c" -j "$(( c < 2 ? c : 2 ))" -T "$DURATION" -l --log-prefix="$prefix" \
      $(pgb_files "$op") 2>&1) || { echo "$out" >&2; echo "0 0 0 1"; return; }
  local tps failed
  tps=$(awk '/^tps = / { print $3; exit }' <<<"$out")
  failed=$(awk '/number of failed transactions/ { print $5; exit }' <<<"$out")
  cat "$prefix".* | awk '{ print $3 }' | sort -n >"$prefix.sorted"
  local n p50 p99
  n=$(wc -l <"$prefix.sorted")
  p50=$(awk -v n="$n" 'NR == int(n * 0.50) + 1 { printf "%.2f", $1 / 1000; exit }' "$prefix.sorted")
  p99=$(awk -v n="$n" 'NR == int(n * 0.99) + 1 { printf "%.2f", $1 / 1000; exit }' "$prefix.sorted")
  rm -f "$prefix".*
  echo "${tps:-0} ${p50:-0} ${p99:-0} ${failed:-0}"
}

# wrk_run <op> <connections> → "rps p50_ms p99_ms non2xx socket_errors"
wrk_run() {
  local op="$1" c="$2" script out line duration="${3:-$DURATION}" 
  case "$op" in get) script=get_by_id ;; *) script="$op" ;; esac
  out=$(wrk -t "$(( c < 2 ? c : 2 ))" -c "$c" -d "${duration}s" --timeout 10s -s "$BENCH_DIR/$script.lua" "$APP_URL" 2>&1) \
    || { echo "$out" >&2; echo "0 0 0 0 1"; return; }
  line=$(grep '^RESULT' <<<"$out") || { echo "$out" >&2; echo "0 0 0 0 1"; return; }
  awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         printf "%.0f %.2f %.2f %d %d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000,
           v["p99_us"] / 1000, v["non2xx"], v["socket_errors"] }' <<<"$line"
}

pg_op_of() { case "$1" in get) echo get ;; first_page) echo list ;; create) echo create ;; *) echo "" ;; esac; }

# --- warm up: the JIT compiles the hot paths before anything is measured --------------------------
for op in $OPS; do
  log "warm-up: wrk $op, 16 connections, ${WARMUP}s (not measured)"
  wrk_run "$op" 16 "$WARMUP" >/dev/null
done

# --- measure -------------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before measuring: $LOAD_BEFORE (other processes on this machine make the numbers noisy)"
if [ "$OWN_PG" = 1 ]; then
  "${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
fi
declare -A RESULT PGB
for c in $CONCURRENCY; do
  for op in $OPS; do
    log "wrk $op, $c connections, ${DURATION}s"
    RESULT[$op,$c]=$(wrk_run "$op" "$c")
  done
  for pop in get list create; do
    # only the ceilings of the operations measured (get, first_page, create)
    case " $OPS " in *" $(case $pop in list) echo first_page ;; *) echo "$pop" ;; esac) "*) ;; *) continue ;; esac
    log "pgbench $pop, $c clients, ${DURATION}s"
    PGB[$pop,$c]=$(pgbench_run "$pop" "$c")
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
# the plans of the three list queries in the largest organization (literal values: custom plans)
deep_at=$("${PSQL[@]}" -c "SELECT created_at FROM customers WHERE organization_id = '${ORG_IDS[1]}' AND deleted_at IS NULL
  ORDER BY created_at DESC, id DESC OFFSET $(( DEEP_ROWS - 1 )) LIMIT 1")
deep_id=${deep#*|}
{
  for q in "first page|" "tag page| AND tags @> string_to_array('$TAG', ',')" \
           "custom field page| AND custom_fields @> '{\"tier\": \"gold\"}'" \
           "deep page| AND (created_at, id) < ('$deep_at', '$deep_id')"; do
    echo "-- ${q%%|*}"
    psql -X -At -c "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM customers WHERE organization_id = '${ORG_IDS[1]}'
      AND deleted_at IS NULL${q#*|} ORDER BY created_at DESC, id DESC LIMIT 21" | grep -v '^Planning'
  done
} >"$WORK/explain.txt" 2>&1 || true
RSS_LOAD=$(cat "$WORK/rss-max" 2>/dev/null || echo "$RSS_READY")
if [ "${BENCH_NMT:-0}" = 1 ]; then jcmd "$APP_PID" VM.native_memory summary >"$WORK/nmt.txt" 2>&1 || true; fi
if [ "$OWN_PG" = 1 ]; then
  "${PSQL[@]}" -F' | ' -c "SELECT calls, round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" >"$WORK/pg_stat_statements.txt" 2>&1 || true
fi

# --- report --------------------------------------------------------------------------------------
{
echo
echo "customers-service benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $CUSTOMERS customers over $ORGS organizations"
echo "service: packaged jar, prod profile, $APP_JAVA_OPTS; wrk and pgbench ${DURATION}s per run; load average before $LOAD_BEFORE, after $LOAD_AFTER"
echo
printf '%-11s %5s | %9s %8s %8s %6s | %9s %8s %8s | %7s\n' operation conns "req/s" "p50 ms" "p99 ms" "non2xx" "pgb tps" "p50 ms" "p99 ms" "ratio"
printf '%s\n' "------------------+--------------------------------------+-------------------------------+--------"
for c in $CONCURRENCY; do
  for op in $OPS; do
    read -r rps p50 p99 non2xx sockerr <<<"${RESULT[$op,$c]}"
    pop=$(pg_op_of "$op")
    if [ -n "$pop" ]; then
      read -r tps pp50 pp99 _ <<<"${PGB[$pop,$c]}"
      ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
    else
      tps=- pp50=- pp99=- ratio=-
    fi
    printf '%-11s %5s | %9s %8s %8s %6s | %9s %8s %8s | %7s\n' "$op" "$c" "$rps" "$p50" "$p99" "$(( non2xx + sockerr ))" \
      "${tps%.*}" "$pp50" "$pp99" "$ratio"
  done
done
echo
echo "pgbench: get = SELECT by (organization_id, id); first_page = the first-page SELECT (LIMIT 21); create = BEGIN;"
echo "  INSERT customer; INSERT wallet; INSERT event; COMMIT (-M prepared). ratio = service req/s / pgbench tps."
echo "start-to-ready: ${READY_MS} ms on the seeded database (first start, with migrations: ${FIRST_READY_MS} ms)"
echo "RSS: ${RSS_READY} MB at ready, ${RSS_LOAD} MB peak under load; seed took ${SEED_S}s"
echo
echo "targets (at the highest concurrency, $(echo "$CONCURRENCY" | awk '{ print $NF }')):"
cmax=$(echo "$CONCURRENCY" | awk '{ print $NF }')
check() { if awk "BEGIN { exit !($2) }"; then echo "  PASS  $1"; else echo "  MISS  $1"; fi; }
read -r g_rps _ _ _ _ <<<"${RESULT[get,$cmax]:-0 0 0 0 0}";         read -r g_tps _ _ _ <<<"${PGB[get,$cmax]:-0 0 0 0}"
read -r _ f_p50 _ _ _ <<<"${RESULT[first_page,$cmax]:-0 0 0 0 0}";  read -r _ d_p50 _ _ _ <<<"${RESULT[deep_page,$cmax]:-0 0 0 0 0}"
read -r _ _ t_p99 _ _ <<<"${RESULT[tag_page,$cmax]:-0 0 0 0 0}"
read -r _ _ cf_p99 _ _ <<<"${RESULT[custom_field_page,$cmax]:-0 0 0 0 0}"
read -r c_rps _ _ _ _ <<<"${RESULT[create,$cmax]:-0 0 0 0 0}";      read -r c_tps _ _ _ <<<"${PGB[create,$cmax]:-0 0 0 0}"
check "id lookup >= 0.5 x pgbench        ($g_rps vs $g_tps)" "$g_tps > 0 && $g_rps >= 0.5 * $g_tps"
check "deep page p50 <= 1.5 x first page ($d_p50 vs $f_p50 ms)" "$f_p50 > 0 && $d_p50 <= 1.5 * $f_p50"
check "tag-filtered p99 < 20 ms          ($t_p99 ms)" "$t_p99 > 0 && $t_p99 < 20"
case " $OPS " in *" custom_field_page "*)
  check "custom-field p99 <= 1.5 x tag p99 ($cf_p99 vs $t_p99 ms)" "$t_p99 > 0 && $cf_p99 > 0 && $cf_p99 <= 1.5 * $t_p99" ;;
esac
check "creates >= 0.4 x pgbench          ($c_rps vs $c_tps)" "$c_tps > 0 && $c_rps >= 0.4 * $c_tps"
check "RSS under load < 400 MB           ($RSS_LOAD MB)" "$RSS_LOAD < 400"
if [ -s "$WORK/nmt.txt" ]; then
  echo
  echo "native memory of the service after the load (-XX:NativeMemoryTracking=summary, committed):"
  grep -E '^(Total|-\s+[A-Z][A-Za-z ]+\()' "$WORK/nmt.txt" | sed -E 's/reserved=[0-9]+KB, //; s/^/  /' | head -14
fi
echo
echo "plans in the largest organization (EXPLAIN ANALYZE):"
sed 's/^/  /' "$WORK/explain.txt"
if [ -s "$WORK/pg_stat_statements.txt" ]; then
  echo
  echo "pg_stat_statements, top by total time (calls | mean ms | query):"
  sed 's/^/  /' "$WORK/pg_stat_statements.txt"
fi
} | tee "$WORK/report.txt"
[ -n "${BENCH_REPORT:-}" ] && cp "$WORK/report.txt" "$BENCH_REPORT"
exit 0
