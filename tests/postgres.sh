#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 server for the tests, and stop it when the
# calling shell exits. Source it: `source tests/postgres.sh`; it exports
# ASSETLOG_TEST_PG (the URL every PostgreSQL test connects to) and PGBIN.
#
# Debian's postgresql is installed when its binaries are missing. initdb
# refuses to run as root, so the cluster belongs to the `postgres` user, in
# a temp folder it can write; the server listens on a Unix socket in that
# folder only (no TCP port to collide with). Autovacuum is off: a throwaway
# server needs none, and its workers on hundreds of test schemas would take
# a core from the timing-sensitive tests that follow.

pg_bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  return 1
}

if ! PGBIN=$(pg_bin_dir); then
  echo "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(pg_bin_dir)
fi
export PGBIN

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ASSETLOG_PG_DIR=$(mktemp -d /tmp/assetlog-pg.XXXXXX)
chmod 777 "$ASSETLOG_PG_DIR"
as_postgres "$PGBIN/initdb" -D "$ASSETLOG_PG_DIR/data" -A trust -U postgres >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$ASSETLOG_PG_DIR/data" -l "$ASSETLOG_PG_DIR/server.log" -w start \
  -o "-c listen_addresses='' -c unix_socket_directories=$ASSETLOG_PG_DIR -c max_connections=200 -c fsync=on -c autovacuum=off" >/dev/null
export ASSETLOG_PG_DIR
export ASSETLOG_TEST_PG="postgresql://postgres@/postgres?host=$ASSETLOG_PG_DIR"

stop_test_postgres() {
  as_postgres "$PGBIN/pg_ctl" -D "$ASSETLOG_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$ASSETLOG_PG_DIR"
}
trap stop_test_postgres EXIT
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on $ASSETLOG_PG_DIR"
