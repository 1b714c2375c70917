#!/usr/bin/env bash
# Start-up measurement of the JVM jar (issue 6): time from launch to the first 200 on
# /q/health/ready, and the resident set size (RSS) of the process at that moment, over RUNS runs
# against a local, already migrated PostgreSQL. Prints every run and the medians.
#
#   bench/startup.sh [RUNS]            (default 7)
#
# Environment:
#   JAR            the jar to start (default target/quarkus-app/quarkus-run.jar; built when missing)
#   MIGRATE_AT_START  false (default: how the Kubernetes Deployment runs, the Job migrates) or true
#   JAVA_OPTS      extra JVM options (e.g. "-XX:TieredStopAtLevel=1" or "-Xshare:auto")
#   PG_BINDIR      PostgreSQL server binaries (default: $(pg_config --bindir); Debian: apt-get
#                  install postgresql)
#
# The database is a throw-away cluster in a temporary directory (initdb + pg_ctl, run as the
# postgres user when started as root), removed on exit. Only 127.0.0.1 is used.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${1:-7}"
JAR="${JAR:-target/quarkus-app/quarkus-run.jar}"
MIGRATE_AT_START="${MIGRATE_AT_START:-false}"
JAVA_OPTS="${JAVA_OPTS:-}"
PG_BINDIR="${PG_BINDIR:-$(pg_config --bindir 2>/dev/null || true)}"
PG_PORT="${PG_PORT:-55432}"
HTTP_PORT="${HTTP_PORT:-18080}"

if [[ -z "$PG_BINDIR" || ! -x "$PG_BINDIR/initdb" ]]; then
  echo "no PostgreSQL server binaries found; install them (Debian: apt-get install postgresql) or set PG_BINDIR" >&2
  exit 2
fi
if [[ ! -f "$JAR" ]]; then
  ./mvnw -B -q package -DskipTests
fi

WORK="$(mktemp -d /tmp/customers-startup.XXXXXX)"
AS_PG=()
if [[ "$(id -u)" == 0 ]]; then
  chown postgres "$WORK"
  AS_PG=(runuser -u postgres --)
fi
APP_PID=""
cleanup() {
  if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  "${AS_PG[@]}" "$PG_BINDIR/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "# PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}') in $WORK, port $PG_PORT"
"${AS_PG[@]}" "$PG_BINDIR/initdb" -D "$WORK/data" -U postgres -A trust --no-sync >/dev/null
"${AS_PG[@]}" "$PG_BINDIR/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w \
  -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null

export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
export QUARKUS_DATASOURCE_USERNAME=postgres
export QUARKUS_DATASOURCE_PASSWORD=postgres
export QUARKUS_HTTP_PORT="$HTTP_PORT"

echo "# migrating once: java -jar $JAR migrate"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "# $RUNS runs, QUARKUS_LIQUIBASE_MIGRATE_AT_START=$MIGRATE_AT_START, JAVA_OPTS='$JAVA_OPTS', $(nproc) CPUs"
printf '%-4s %10s %10s %12s\n' run ready_ms rss_mib quarkus_says
: >"$WORK/ms"; : >"$WORK/rss"
for run in $(seq 1 "$RUNS"); do
  start=$(now_ms)
  # shellcheck disable=SC2086
  QUARKUS_LIQUIBASE_MIGRATE_AT_START="$MIGRATE_AT_START" java $JAVA_OPTS -jar "$JAR" >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/q/health/ready" || true)" == 200 ]]; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then cat "$WORK/app.log"; exit 1; fi
    if (( $(now_ms) - start > 60000 )); then echo "not ready after 60 s" >&2; cat "$WORK/app.log"; exit 1; fi
    sleep 0.01
  done
  ready=$(( $(now_ms) - start ))
  rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$APP_PID/status")
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  says=$(grep -o 'started in [0-9.]*s' "$WORK/app.log" | head -1 | awk '{print $3}')
  printf '%-4s %10s %10s %12s\n' "$run" "$ready" "$(( rss_kib / 1024 ))" "${says:-?}"
  echo "$ready" >>"$WORK/ms"; echo "$(( rss_kib / 1024 ))" >>"$WORK/rss"
done
echo "median: ready $(median <"$WORK/ms") ms, RSS $(median <"$WORK/rss") MiB"
