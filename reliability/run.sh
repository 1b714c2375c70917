#!/usr/bin/env bash
# Reliability suite of customers-service.
#
#   reliability/run.sh            # quick mode (a few minutes; also run by .ci/run)
#   reliability/run.sh full       # longer loads, 50,000 bad-input requests, three crashes
#
# Starts its own throw-away PostgreSQL (or uses QUARKUS_DATASOURCE_JDBC_URL / _USERNAME /
# _PASSWORD; then the database-restart check is skipped), packages the service when
# target/quarkus-app/quarkus-run.jar is missing (BUILD=1 forces it), and runs
# reliability/Reliability.java (Java source-file mode) with the PostgreSQL driver of the packaged
# application. Prints one summary line per check and exits non-zero when any check fails.
# Environment: RELIABILITY_CHECKS=bad-input,tenant-isolation,crash,db-restart,rate-limit (subset),
# RELIABILITY_SEED (repeat a run), RELIABILITY_KEEP=1 (keep logs), APP_JAVA_OPTS (default -Xmx256m).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

export RELIABILITY_MODE="${1:-${RELIABILITY_MODE:-quick}}"
WORK="$(mktemp -d /tmp/customers-reliability.XXXXXX)"
OWN_PG=0
APP_PID=

cleanup() {
  set +e
  [ "$OWN_PG" = 1 ] && pg_ctl_stop immediate
  if [ "${RELIABILITY_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_jar
DRIVER=$(ls "$ROOT"/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar 2>/dev/null | head -1)
[ -n "$DRIVER" ] || die "PostgreSQL driver not found in target/quarkus-app/lib/main"

if [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  export JDBC_URL="$QUARKUS_DATASOURCE_JDBC_URL" DB_USER="${QUARKUS_DATASOURCE_USERNAME:-postgres}" \
    DB_PASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-}"
  log "using the configured database; the database-restart check is skipped"
else
  OWN_PG=1
  pg_start "$WORK" "max_connections = 100"
  export JDBC_URL DB_USER=postgres DB_PASSWORD=postgres
  # how the suite stops and starts the database for the restart check
  if [ "$(id -u)" = 0 ]; then RUNAS="runuser -u postgres --"; else RUNAS=""; fi
  export PG_STOP_COMMAND="$RUNAS $PG_BIN/pg_ctl -D $PGDATA_DIR -m fast -w -t 60 stop"
  export PG_START_COMMAND="$RUNAS $PG_BIN/pg_ctl -D $PGDATA_DIR -l $PGDATA_DIR/server.log -w -t 60 start"
  log "PostgreSQL on port $PGPORT ($WORK/pgdata)"
fi
export APP_JAR WORK_DIR="$WORK"
cd "$ROOT"
timeout --kill-after=30 "${RELIABILITY_TIMEOUT:-1800}" java -cp "$DRIVER" "$ROOT/reliability/Reliability.java"
