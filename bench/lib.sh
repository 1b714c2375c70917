# Used by bench/run.sh: a throw-away PostgreSQL and the packaged service (the reliability suite has
# the same in Java: src/test/java/.../support/LocalPostgres and PackagedApp).
# Source it; it defines functions only. Every wait below is bounded in count and time.

PG_BIN="${PG_BIN:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Runs a PostgreSQL binary as the postgres OS user when we are root (initdb refuses root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A TCP port nothing listens on (bounded number of tries), below Linux's ephemeral range (32768 and
# up): a port there may be the local end of a client connection (wrk, pgbench, JDBC) that no
# listener check sees, and the service's bind then fails ("Port … seems to be in use", 2026-11-29).
free_port() {
  local p i
  for i in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

# pg_start <work dir> [extra postgres -c settings...]: initdb + start on a free port, trust auth on
# loopback only. Sets PGHOST PGPORT PGUSER PGDATABASE PGDATA_DIR JDBC_URL.
pg_start() {
  local work="$1"; shift
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL server binaries not found in $PG_BIN (set PG_BIN)"
  PGDATA_DIR="$work/pgdata"
  mkdir -p "$PGDATA_DIR" "$work/pgsock"
  chmod 755 "$work"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PGDATA_DIR" "$work/pgsock"; fi
  as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; die "initdb failed"; }
  PGPORT=$(free_port)
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $PGPORT"
    echo "unix_socket_directories = '$work/pgsock'"
    for setting in "$@"; do echo "$setting"; done
  } >>"$PGDATA_DIR/postgresql.conf"
  pg_ctl_start
  export PGHOST="$work/pgsock" PGPORT PGUSER=postgres PGDATABASE=postgres
  JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/postgres"
}

pg_ctl_start() {
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 start >/dev/null \
    || { tail -20 "$PGDATA_DIR/server.log" >&2; die "PostgreSQL did not start"; }
}

pg_ctl_stop() {
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m "${1:-fast}" -w -t 60 stop >/dev/null 2>&1 || true
}

# app_start <log file> [env assignments...]: starts the packaged service (from the jar's directory,
# as the AppCDS archive requires: it records the class path as it was) on a free port in the prod
# profile (VIES pointed at a closed loopback port: no traffic leaves the machine) and waits (at most APP_READY_TIMEOUT seconds) for readiness. Sets APP_PID APP_PORT
# APP_URL APP_READY_MS.
app_start() {
  local logfile="$1"; shift
  APP_PORT=$(free_port)
  APP_URL="http://127.0.0.1:$APP_PORT"
  local t0 i
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  env QUARKUS_HTTP_PORT="$APP_PORT" QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" \
      QUARKUS_DATASOURCE_USERNAME="${DB_USER:-postgres}" QUARKUS_DATASOURCE_PASSWORD="${DB_PASSWORD:-postgres}" \
      CUSTOMERS_ADMIN_TOKEN="$ADMIN_TOKEN" CUSTOMERS_VIES_BASE_URL="http://127.0.0.1:9" "$@" \
      bash -c 'cd "$(dirname "$0")" && exec java "$@" -jar "$(basename "$0")"' "$APP_JAR" ${APP_JAVA_OPTS:-} >"$logfile" 2>&1 &
  APP_PID=$!
  for i in $(seq 1 $(( ${APP_READY_TIMEOUT:-120} * 20 ))); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      tail -30 "$logfile" >&2
      die "the service exited during start"
    fi
    if curl -fsS -o /dev/null --max-time 1 "$APP_URL/q/health/ready" 2>/dev/null; then
      APP_READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
      return 0
    fi
    sleep 0.05
  done
  tail -30 "$logfile" >&2
  die "the service did not become ready"
}

app_stop() {
  if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do
      kill -0 "$APP_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}

rss_mb() {
  awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# Builds the packaged jar when it is missing (or when BUILD=1).
ensure_jar() {
  APP_JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$APP_JAR" ] || [ "${BUILD:-0}" = 1 ]; then
    log "packaging the service (./mvnw -B package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q -ntp package -DskipTests) || die "package failed"
  fi
}
