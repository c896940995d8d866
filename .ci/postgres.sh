#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL 15 on a free loopback port, for tests that need a real server.
# Usage: source .ci/postgres.sh; postgres_start DIR   (exports SUMMIT_TEST_POSTGRES); postgres_stop DIR
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

postgres_start() {
  local dir=$1
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || return 1
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null || return 1
  export SUMMIT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL listening on 127.0.0.1:$port"
}

postgres_stop() {
  local dir=$1
  [ -d "$dir/data" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1
  return 0
}
