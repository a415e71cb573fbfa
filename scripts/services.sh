#!/usr/bin/env bash
# Redis and PostgreSQL on this machine, for the queue and the PostgreSQL archive (docs/scale.md): the tests that need
# them, the scale benchmark, and a one-machine cluster. Debian's packages; Redis on a loopback port with its append-only
# file on (BullMQ's jobs survive a restart), PostgreSQL as a cluster of its own started through Debian's tools, which
# run the server as the postgres user (it refuses root).
#
#   sudo scripts/services.sh start   # install if missing (root), start both, create the role; prints the env lines
#   scripts/services.sh env          # the NEWSCLIP_TEST_* lines to eval: eval "$(scripts/services.sh env)"
#   sudo scripts/services.sh stop
#   sudo scripts/services.sh restart-pg  # restart the PostgreSQL cluster (the restart test, test/queue-restart.test.ts)
#
# Idempotent and fast when everything is already up. Ports: NEWSCLIP_REDIS_PORT (6390), NEWSCLIP_PG_PORT (5439),
# away from the defaults so a system Redis or PostgreSQL is left alone.
set -euo pipefail

REDIS_PORT=${NEWSCLIP_REDIS_PORT:-6390}
PG_PORT=${NEWSCLIP_PG_PORT:-5439}
CLUSTER=newsclip
ROLE=newsclip
DB=newsclip
REDIS_DIR=${NEWSCLIP_REDIS_DIR:-/var/lib/newsclip-redis}

say() { printf 'services: %s\n' "$*" >&2; }

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1; }

env_lines() {
  echo "export NEWSCLIP_TEST_REDIS=redis://127.0.0.1:${REDIS_PORT}"
  echo "export NEWSCLIP_TEST_PG=postgres://${ROLE}:${ROLE}@127.0.0.1:${PG_PORT}/${DB}"
}

install() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -n "$(pg_version)" ] && command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    say "missing ${missing[*]}: run as root (sudo $0 start) or apt-get install -y ${missing[*]}"
    exit 1
  fi
  say "installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  # The packages' own services stay down (no init here, and a system copy on the default ports is not ours to start).
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_redis() {
  if redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then return 0; fi
  mkdir -p "$REDIS_DIR"
  # noeviction: BullMQ's keys must never be evicted under memory pressure. appendfsync everysec: a restart keeps the
  # queue (at most one second of enqueues lost on a power cut; a process kill loses nothing).
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$REDIS_DIR" \
    --appendonly yes --appendfsync everysec --save "" --maxmemory-policy noeviction \
    --logfile "$REDIS_DIR/redis.log" --pidfile "$REDIS_DIR/redis.pid"
  for _ in $(seq 50); do
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  say "redis-server did not answer on port $REDIS_PORT; see $REDIS_DIR/redis.log"
  exit 1
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_pg() {
  local v
  v=$(pg_version)
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$v/$CLUSTER"; then
    say "creating PostgreSQL $v cluster '$CLUSTER' on port $PG_PORT"
    pg_createcluster "$v" "$CLUSTER" -p "$PG_PORT" >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$v" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; then
    pg_ctlcluster "$v" "$CLUSTER" start
  fi
  for _ in $(seq 100); do
    as_postgres psql -p "$PG_PORT" -d postgres -tAc "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.1
  done
  # CREATEDB: each test file makes a database of its own and drops it, so test files never see each other's rows.
  as_postgres psql -q -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 <<SQL
SELECT 'CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD ''${ROLE}''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}')\gexec
SELECT 'CREATE DATABASE ${DB} OWNER ${ROLE}' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${DB}')\gexec
SQL
}

stop() {
  redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  local v
  v=$(pg_version)
  if [ -n "$v" ] && pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$v/$CLUSTER"; then
    pg_ctlcluster "$v" "$CLUSTER" stop 2>/dev/null || true
  fi
}

case "${1:-start}" in
  start)
    # Everything but the env lines goes to stderr: callers eval stdout, and Debian's tools print to stdout
    # (pg_ctlcluster's "Removed stale pid file", seen in CI, broke an eval once).
    { install; start_redis; start_pg; } >&2
    env_lines
    ;;
  env) env_lines ;;
  restart-pg) pg_ctlcluster "$(pg_version)" "$CLUSTER" restart >&2 ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop|env|restart-pg" >&2
    exit 2
    ;;
esac
