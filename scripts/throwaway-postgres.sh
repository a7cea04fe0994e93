#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, in a temporary folder, on loopback, run by
# an unprivileged user with initdb and pg_ctl: no system service, nothing left behind.
#
#   out=$(bash scripts/throwaway-postgres.sh start) && eval "$out"   # sets TEST_DATABASE_URL and PG_THROWAWAY_DIR
#   bash scripts/throwaway-postgres.sh stop "$PG_THROWAWAY_DIR"
#
# It installs Debian's postgresql package when no server is installed (as root, without
# creating or starting the package's own cluster) and fails loudly when a server cannot start.
set -euo pipefail

fail() { echo "throwaway-postgres: $*" >&2; exit 1; }

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return; fi
}

as_owner() {
  # initdb refuses to run as root: root hands the cluster to the package's postgres user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin
  bin=$(bin_dir)
  if [ -z "$bin" ]; then
    [ "$(id -u)" = 0 ] || fail "PostgreSQL is not installed and installing it needs root: apt-get install -y postgresql"
    echo "throwaway-postgres: installing PostgreSQL from Debian's packages" >&2
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 || fail "apt-get install -y postgresql failed"
    bin=$(bin_dir)
    [ -n "$bin" ] || fail "PostgreSQL was installed but initdb was not found"
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres || fail "could not create the postgres user"
  fi

  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/sli-postgres.XXXXXX") || fail "could not make a temporary folder for the server"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  as_owner "$bin/initdb" -D "$dir/data" -U sli --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; fail "initdb failed"; }
  # Settings for a disposable test server: no durability, more connections for parallel test files.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { cat "$dir/server.log" >&2; fail "the server did not start"; }
  echo "export PG_THROWAWAY_DIR='$dir'"
  echo "export TEST_DATABASE_URL='postgres://sli@127.0.0.1:$port/postgres'"
}

stop() {
  local dir=${1:-}
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) fail "usage: $0 start | stop DIR" ;;
esac
