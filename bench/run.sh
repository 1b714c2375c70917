#!/usr/bin/env bash
# Benchmark of the packaged service against the PostgreSQL ceiling on this machine (issue 16).
#
#   bench/run.sh
#
# Starts a throw-away PostgreSQL (or uses QUARKUS_DATASOURCE_JDBC_URL / _USERNAME / _PASSWORD),
# starts the service from target/quarkus-app/quarkus-run.jar (built when missing) in the prod
# profile with the JVM settings of the container image, seeds customers with set-based SQL, and:
#   1. from the moment it is ready: the warm-up curve (GET by id, 16 connections, 5 s windows);
#   2. the ceilings: BENCH_ROUNDS interleaved rounds at 16 connections of the service (wrk) and of
#      the equivalent SQL (pgbench) for GET by id, the first list page and creates; the median ratio;
#      and after each round's GET the floor: GET /q/health/live (bench/floor.lua), the HTTP stack
#      alone, against that round's pgbench lookup;
#   3. the other operations (tag and custom-field filtered pages, a deep page, upserts) once;
#   4. the memory soak: 64 connections of mixed load (bench/mixed.lua) for BENCH_SOAK seconds;
#   5. start-to-ready with and without the AppCDS archive, alternating;
# and prints one report with the targets. See docs/benchmarks.md.
#
# Settings (environment):
#   BENCH_CUSTOMERS     customers to seed over 10 organizations (default 1000000; 55% in the largest)
#   BENCH_DEEP_ROWS     depth of the deep page in the largest organization (default half of BENCH_CUSTOMERS)
#   BENCH_DURATION      seconds per wrk / pgbench run (default 15)
#   BENCH_WARMUP        seconds of unmeasured wrk load per operation before measuring (default 10)
#   BENCH_ROUNDS        interleaved rounds of the ceilings (default 3)
#   BENCH_CONCURRENCY   connections of the other operations, space-separated (default 16)
#   BENCH_CURVE_WINDOWS 5-second windows of the warm-up curve (default 12)
#   BENCH_SOAK          seconds of the 64-connection mixed load (default 300; 0 skips it)
#   BENCH_STARTS        starts with and without AppCDS (default 3 each)
#   BENCH_OPS           operations (default "get first_page tag_page custom_field_page deep_page create upsert")
#   APP_JAVA_OPTS       JVM options of the service (default: those of src/main/docker/Dockerfile.jvm)
#   BENCH_JFR=1         record a JFR CPU profile of each ceiling operation in one more, unmeasured run, and print its top
#   BENCH_KEEP=1        keep the work directory (logs, recordings) after the run
#   BENCH_NMT=1         add -XX:NativeMemoryTracking=summary to APP_JAVA_OPTS yourself, and get the summary
#   BENCH_REPORT=file   copy the report there
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
CONCURRENCY="${BENCH_CONCURRENCY:-16}"
ROUNDS="${BENCH_ROUNDS:-3}"
OPS="${BENCH_OPS:-get first_page tag_page custom_field_page deep_page create upsert}"
ORGS=10
TAG=vip
# the JVM settings of the container image (src/main/docker/Dockerfile.jvm: its options file, the
# serial collector it selects through GC_CONTAINER_OPTIONS, and MALLOC_ARENA_MAX)
export APP_JAVA_OPTS="${APP_JAVA_OPTS:--XX:+UseSerialGC @$ROOT/src/main/docker/jvm.options}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
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
  local cpu0 cpu1
  cpu0=$(cpu_ticks)
  out=$(wrk -t "$(( c < 2 ? c : 2 ))" -c "$c" -d "${duration}s" --timeout 10s -s "$BENCH_DIR/$script.lua" "$APP_URL" 2>&1) \
    || { echo "$out" >&2; echo "0 0 0 0 1"; return; }
  cpu1=$(cpu_ticks)
  line=$(grep '^RESULT' <<<"$out") || { echo "$out" >&2; echo "0 0 0 0 1"; return; }
  awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         printf "%.0f %.2f %.2f %d %d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000,
           v["p99_us"] / 1000, v["non2xx"], v["socket_errors"] }' <<<"$line"
  # the service's CPU per request (user + system, all its threads), appended to cpu.log for the report
  awk -v t="$(( cpu1 - cpu0 ))" -v hz="$(getconf CLK_TCK)" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         if (v["requests"] > 0) printf "%.0f\n", t * 1e6 / hz / v["requests"]; else print 0 }' <<<"$line" >>"$WORK/cpu.log"
}

# the service's CPU time so far, in clock ticks (utime + stime of /proc/<pid>/stat)
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$APP_PID/stat" 2>/dev/null || echo 0; }

pg_op_of() { case "$1" in get|floor) echo get ;; first_page) echo list ;; create) echo create ;; *) echo "" ;; esac; }

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

# --- second start on the seeded database: start-to-ready, then the warm-up curve from ready -------
RUN_ID="r$(date +%s)"
bench_data() {
  echo "bench = { run = \"$RUN_ID\", tag = \"$TAG\", deep_cursor = \"${DEEP_CURSOR:-}\", keys = {}, counts = {} }"
  for k in $(seq 1 $ORGS); do
    echo "bench.keys[$k] = \"${KEYS[$k]}\"; bench.counts[$k] = ${COUNTS[$k]}"
  done
}
bench_data >"$WORK/bench-data.lua"
export BENCH_DATA="$WORK/bench-data.lua" BENCH_DIR
app_start "$WORK/app.log" CUSTOMERS_RATE_LIMIT_ENABLED=false
READY_MS=$APP_READY_MS
RSS_READY=$(rss_mb "$APP_PID")
log "ready in ${READY_MS} ms (first start with migrations: ${FIRST_READY_MS} ms), RSS ${RSS_READY} MB"
# RSS every half second, "<epoch ms> <MB>" lines; each phase's peak is read from its time range
( for _ in $(seq 1 100000); do
    kill -0 "$APP_PID" 2>/dev/null || exit 0
    echo "$(date +%s%3N) $(rss_mb "$APP_PID")" >>"$WORK/rss.log"; sleep 0.5
  done ) &
SAMPLER_PID=$!
now_ms() { date +%s%3N; }
# rss_peak <from ms> <to ms>: the largest RSS sampled in that range (MB)
rss_peak() { awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $2 > m { m = $2 } END { print m + 0 }' "$WORK/rss.log"; }

CURVE_WINDOWS="${BENCH_CURVE_WINDOWS:-12}"
log "warm-up curve: GET by id, 16 connections, ${CURVE_WINDOWS} windows of 5 s from ready"
declare -a CURVE
for w in $(seq 1 "$CURVE_WINDOWS"); do
  read -r rps _ <<<"$(wrk_run get 16 5)"
  CURVE[$w]=$rps
  log "  window $w: $rps req/s"
done

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

bench_data >"$WORK/bench-data.lua"

# --- pgbench scripts: the SQL the service runs, per organization (weights equal, like wrk) --------
mkdir -p "$WORK/pgb"
for k in $(seq 1 $ORGS); do
  org=${ORG_IDS[$k]}
  cat >"$WORK/pgb/get_$k.sql" <<SQL
\set n random(1, ${COUNTS[$k]})
SELECT c.*, w.* FROM customers c LEFT JOIN wallets w ON w.organization_id = c.organization_id AND w.customer_id = c.id AND w.is_primary WHERE c.organization_id = '$org' AND c.id = ('$(printf %08x "$k")-0000-7000-8000-' || lpad(to_hex(:n::bigint), 12, '0'))::uuid;
SQL
  cat >"$WORK/pgb/list_$k.sql" <<SQL
SELECT * FROM customers WHERE organization_id = '$org' AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 21;
SQL
  cat >"$WORK/pgb/create_$k.sql" <<SQL
BEGIN;
INSERT INTO customers (organization_id, id, external_id, name, email, status, tags, metadata, custom_fields, version, created_at, updated_at) VALUES ('$org', gen_random_uuid(), 'pgb-' || gen_random_uuid(), 'Bench customer', 'bench@example.com', 'ACTIVE', CASE WHEN random() < 0.05 THEN '{bench,eu,vip}' ELSE '{bench,eu}' END::text[], '{"source": "pgbench"}', CASE WHEN random() < 0.05 THEN '{"tier": "gold"}' ELSE '{"tier": "standard"}' END::jsonb, 1, now(), now()) RETURNING id AS cid \gset
INSERT INTO wallets (organization_id, id, customer_id, currency, mode, is_primary, created_at, updated_at) VALUES ('$org', gen_random_uuid(), :cid, 'EUR', 'POSTPAID', true, now(), now());
INSERT INTO events (organization_id, id, type, customer_id, occurred_at, actor_type, data) VALUES ('$org', gen_random_uuid(), 'customer.created', :cid, now(), 'api_key', '{"changes": {}}');
END;
SQL
done
pgb_files() { local op="$1" args="" k; for k in $(seq 1 $ORGS); do args+=" -f $WORK/pgb/${op}_$k.sql@1"; done; echo "$args"; }


# --- warm up: the JIT compiles the hot paths before anything is measured --------------------------
for op in $OPS; do
  [ "$op" = get ] && continue # warm from the curve
  log "warm-up: wrk $op, 16 connections, ${WARMUP}s (not measured)"
  wrk_run "$op" 16 "$WARMUP" >/dev/null
done

# --- measure -------------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before measuring: $LOAD_BEFORE (other processes on this machine make the numbers noisy)"
if [ "$OWN_PG" = 1 ]; then
  "${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
fi
# the ceilings: ROUNDS interleaved rounds at 16 connections (service, pgbench, service, pgbench, ...;
# the order flips every round), so that the machine's drift hits both sides alike
declare -A RESULT PGB CPU
CREATE_FROM=0 CREATE_TO=0
for r in $(seq 1 "$ROUNDS"); do
  for op in get first_page create; do
    case " $OPS " in *" $op "*) ;; *) continue ;; esac
    pop=$(pg_op_of "$op")
    [ "$op" = create ] && [ "$CREATE_FROM" = 0 ] && CREATE_FROM=$(now_ms)
    if [ $(( r % 2 )) = 1 ]; then
      log "round $r: wrk $op then pgbench $pop, 16 connections, ${DURATION}s each"
      RESULT[$op,$r]=$(wrk_run "$op" 16); CPU[$op,$r]=$(tail -1 "$WORK/cpu.log"); PGB[$pop,$r]=$(pgbench_run "$pop" 16)
      log "  service: ${RESULT[$op,$r]} (req/s p50 p99 non2xx socket-errors); pgbench: ${PGB[$pop,$r]} (tps p50 p99 failures)"
    else
      log "round $r: pgbench $pop then wrk $op, 16 connections, ${DURATION}s each"
      PGB[$pop,$r]=$(pgbench_run "$pop" 16); RESULT[$op,$r]=$(wrk_run "$op" 16); CPU[$op,$r]=$(tail -1 "$WORK/cpu.log")
      log "  service: ${RESULT[$op,$r]} (req/s p50 p99 non2xx socket-errors); pgbench: ${PGB[$pop,$r]} (tps p50 p99 failures)"
    fi
    [ "$op" = create ] && CREATE_TO=$(now_ms)
    # the floor, after each round's GET: the HTTP stack alone against the same pgbench lookup
    if [ "$op" = get ]; then
      RESULT[floor,$r]=$(wrk_run floor 16); CPU[floor,$r]=$(tail -1 "$WORK/cpu.log")
      log "  floor (GET /q/health/live): ${RESULT[floor,$r]}"
    fi
  done
done
# the profiles: one more run of each ceiling operation under JFR, not measured (on 2 cores the
# recording costs a round most of its throughput: 2026-11-29 it took round 2 of GET from 0.41 to 0.12)
if [ "${BENCH_JFR:-0}" = 1 ]; then
  for op in get first_page create; do
    case " $OPS " in *" $op "*) ;; *) continue ;; esac
    log "profile: wrk $op under JFR, 16 connections, ${DURATION}s (not measured)"
    jcmd "$APP_PID" JFR.start name="$op" settings=profile duration="${DURATION}s" filename="$WORK/$op.jfr" >/dev/null 2>&1 || true
    wrk_run "$op" 16 >/dev/null
    sleep 1
  done
fi
# the other operations, once each at every BENCH_CONCURRENCY
for c in $CONCURRENCY; do
  for op in $OPS; do
    case "$op" in get|first_page|create) [ "$c" = 16 ] && continue ;; esac
    log "wrk $op, $c connections, ${DURATION}s"
    RESULT[$op,c$c]=$(wrk_run "$op" "$c")
    log "  ${RESULT[$op,c$c]} (req/s p50 p99 non2xx socket-errors)"
  done
done
# memory soak: 64 connections of mixed load (bench/mixed.lua) for BENCH_SOAK seconds
SOAK="${BENCH_SOAK:-300}"
SOAK_FROM=$(now_ms)
SOAK_RESULT="0 0 0 0 0"
if [ "$SOAK" -gt 0 ]; then
  log "soak: wrk mixed, 64 connections, ${SOAK}s"
  SOAK_RESULT=$(wrk_run mixed 64 "$SOAK")
  log "  $SOAK_RESULT (req/s p50 p99 non2xx socket-errors)"
fi
SOAK_TO=$(now_ms)
SOAK_ALIVE=$(kill -0 "$APP_PID" 2>/dev/null && echo yes || echo no)
OOM=$(grep -c OutOfMemoryError "$WORK/app.log" || true)
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
RSS_CREATE=$(rss_peak "$CREATE_FROM" "$CREATE_TO")
RSS_SOAK=$(rss_peak "$SOAK_FROM" "$SOAK_TO")
RSS_LOAD=$(rss_peak 0 "$(now_ms)")
if [ "${BENCH_NMT:-0}" = 1 ]; then jcmd "$APP_PID" VM.native_memory summary >"$WORK/nmt.txt" 2>&1 || true; fi
if [ "$OWN_PG" = 1 ]; then
  "${PSQL[@]}" -F' | ' -c "SELECT calls, round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" >"$WORK/pg_stat_statements.txt" 2>&1 || true
fi

# --- start-up with and without the AppCDS archive (alternating, STARTS of each) --------------------
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=
app_stop
STARTS="${BENCH_STARTS:-3}"
CDS="$(dirname "$APP_JAR")/app-cds.jsa"
declare -a WITH_CDS WITHOUT_CDS
base_opts="$APP_JAVA_OPTS"
if [ -f "$CDS" ]; then
  for i in $(seq 1 "$STARTS"); do
    APP_JAVA_OPTS="$base_opts -XX:SharedArchiveFile=$CDS -Xshare:auto" app_start "$WORK/app-cds-$i.log" CUSTOMERS_RATE_LIMIT_ENABLED=false
    WITH_CDS[$i]=$APP_READY_MS; app_stop
    APP_JAVA_OPTS="$base_opts -Xshare:auto" app_start "$WORK/app-nocds-$i.log" CUSTOMERS_RATE_LIMIT_ENABLED=false
    WITHOUT_CDS[$i]=$APP_READY_MS; app_stop
  done
fi
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- report --------------------------------------------------------------------------------------
{
echo
echo "customers-service benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $CUSTOMERS customers over $ORGS organizations"
echo "service: packaged jar, prod profile, $base_opts; wrk and pgbench ${DURATION}s per run; load average before $LOAD_BEFORE, after $LOAD_AFTER"
echo
echo "ceilings at 16 connections, $ROUNDS interleaved rounds (service req/s | pgbench tps | ratio):"
printf '%-11s | %-40s | %-40s | %s | %s\n' operation "service req/s per round (p50 ms)" "pgbench tps per round" \
  "median ratio (per round)" "CPU µs/req"
declare -A MEDIAN_RATIO
for op in get floor first_page create; do
  [ -n "${RESULT[$op,1]:-}" ] || continue
  pop=$(pg_op_of "$op"); svc="" pgb="" ratios=()
  for r in $(seq 1 "$ROUNDS"); do
    read -r rps p50 _ non2xx sockerr <<<"${RESULT[$op,$r]}"; read -r tps _ _ _ <<<"${PGB[$pop,$r]}"
    svc+="$rps ($p50)"; [ $(( non2xx + sockerr )) -gt 0 ] && svc+="!$(( non2xx + sockerr ))"; svc+=" "; pgb+="${tps%.*} "
    ratios+=("$(awk -v a="$rps" -v b="$tps" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print 0 }')")
  done
  MEDIAN_RATIO[$op]=$(median "${ratios[@]}")
  cpus=(); for r in $(seq 1 "$ROUNDS"); do cpus+=("${CPU[$op,$r]:-0}"); done
  printf '%-11s | %-40s | %-40s | %s (%s) | %s\n' "$op" "$svc" "$pgb" "${MEDIAN_RATIO[$op]}" "${ratios[*]}" \
    "$(median "${cpus[@]}")"
done
echo "  (last column: the service's own CPU per request in µs, user + system of all its threads, median of the rounds)"
echo
echo "other operations (req/s, p50 ms, p99 ms, non-2xx):"
for c in $CONCURRENCY; do
  for op in $OPS; do
    [ -n "${RESULT[$op,c$c]:-}" ] || continue
    read -r rps p50 p99 non2xx sockerr <<<"${RESULT[$op,c$c]}"
    printf '  %-18s %3s conns %9s %8s %8s %6s\n' "$op" "$c" "$rps" "$p50" "$p99" "$(( non2xx + sockerr ))"
  done
done
echo
echo "warm-up curve (GET by id, 16 connections, req/s per 5 s window from ready):"
echo "  ${CURVE[*]}"
read -r steady _ <<<"$(median $(for r in $(seq 1 "$ROUNDS"); do v="${RESULT[get,$r]:-0}"; echo "${v%% *}"; done))"
within20=$(printf '%s\n' "${CURVE[@]:0:4}" | sort -n | tail -1)
echo "  steady (median of the rounds): $steady req/s; best window within 20 s of ready: $within20 req/s" \
  "($(awk -v a="$within20" -v b="$steady" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b }') of steady)"
echo
read -r srps _ _ snon ssock <<<"$SOAK_RESULT"
echo "memory: RSS ${RSS_READY} MB at ready, ${RSS_CREATE} MB peak under the create rounds, ${RSS_SOAK} MB peak in the soak"
echo "  (64 connections of mixed load for ${SOAK}s: $srps req/s, $(( snon + ssock )) non-2xx); process alive after: $SOAK_ALIVE;" \
  "OutOfMemoryError in its log: $OOM"
if [ -f "$CDS" ]; then
  echo "start-to-ready on the seeded database, $STARTS alternating starts each: with AppCDS ${WITH_CDS[*]} ms" \
    "(median $(median "${WITH_CDS[@]}")), without ${WITHOUT_CDS[*]} ms (median $(median "${WITHOUT_CDS[@]}"))"
else
  echo "start-to-ready: ${READY_MS} ms (no AppCDS archive at $CDS: package with quarkus.package.jar.appcds.enabled=true)"
fi
echo "first start, with migrations: ${FIRST_READY_MS} ms; seed took ${SEED_S}s"
echo
echo "pgbench: get = the customer joined to its primary wallet by (organization_id, id); first_page = the"
echo "  first-page SELECT (LIMIT 21); create = BEGIN; INSERT customer; INSERT wallet; INSERT event; COMMIT."
echo "floor = GET /q/health/live (no key, no database, no customer) against the same round's pgbench get:"
echo "  what the HTTP stack alone reaches on this machine, the most any endpoint's ratio could be."
echo
echo "targets:"
check() { if awk "BEGIN { exit !($2) }"; then echo "  PASS  $1"; else echo "  MISS  $1"; fi; }
read -r _ f_p50 _ _ _ <<<"${RESULT[first_page,1]:-0 0 0 0 0}"
cmax=$(echo "$CONCURRENCY" | awk '{ print $NF }')
read -r _ d_p50 _ _ _ <<<"${RESULT[deep_page,c$cmax]:-0 0 0 0 0}"
read -r _ _ t_p99 _ _ <<<"${RESULT[tag_page,c$cmax]:-0 0 0 0 0}"
read -r _ _ cf_p99 _ _ <<<"${RESULT[custom_field_page,c$cmax]:-0 0 0 0 0}"
check "GET by id >= 0.5 x pgbench (median ratio ${MEDIAN_RATIO[get]:-0})" "${MEDIAN_RATIO[get]:-0} >= 0.5"
check "first page >= 0.35 x pgbench (median ratio ${MEDIAN_RATIO[first_page]:-0})" "${MEDIAN_RATIO[first_page]:-0} >= 0.35"
check "create >= 0.5 x pgbench (median ratio ${MEDIAN_RATIO[create]:-0})" "${MEDIAN_RATIO[create]:-0} >= 0.5"
check "warm-up: 80% of steady within 20 s of ready ($within20 vs $steady)" "$steady > 0 && $within20 >= 0.8 * $steady"
check "RSS under the create load <= 300 MB ($RSS_CREATE MB)" "$RSS_CREATE > 0 && $RSS_CREATE <= 300"
check "no OutOfMemoryError in ${SOAK}s of 64-connection mixed load (alive: $SOAK_ALIVE, OOM lines: $OOM)" \
  "\"$SOAK_ALIVE\" == \"yes\" && $OOM == 0 && $SOAK > 0"
case " $OPS " in *" deep_page "*) check "deep page p50 <= 1.5 x first page ($d_p50 vs $f_p50 ms)" "$f_p50 > 0 && $d_p50 <= 1.5 * $f_p50" ;; esac
case " $OPS " in *" custom_field_page "*)
  check "custom-field page p99 <= 1.5 x tag page p99 ($cf_p99 vs $t_p99 ms)" "$t_p99 > 0 && $cf_p99 > 0 && $cf_p99 <= 1.5 * $t_p99" ;;
esac
for op in get first_page create; do
  if [ -s "$WORK/$op.jfr" ]; then
    echo
    echo "JFR CPU profile of $op (an unmeasured run after the rounds, ${DURATION}s; bench/jfr-top.sh):"
    "$BENCH_DIR/jfr-top.sh" "$WORK/$op.jfr" 12 2>&1 | sed 's/^/  /'
  fi
done
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
