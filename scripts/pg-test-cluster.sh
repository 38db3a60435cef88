# Sourced by scripts/test.sh: a private PostgreSQL cluster for the storage tests.
# Exports SWITCHBOARD_TEST_PG_URL / _USER / _PASSWORD; pg_test_stop removes the cluster.
PG_TEST_DIR=""
PG_TEST_BIN=""

pg_test_start() {
  PG_TEST_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_TEST_BIN" ]; then
    echo "PostgreSQL binaries not found under /usr/lib/postgresql" >&2
    return 1
  fi
  PG_TEST_DIR=$(mktemp -d /tmp/switchboard-pg.XXXXXX)
  chown postgres "$PG_TEST_DIR" 2>/dev/null || true
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_TEST_BIN/initdb" -D "$PG_TEST_DIR/db" -U switchboard --auth=trust -E UTF8 >/dev/null
  "${as[@]}" "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/db" -l "$PG_TEST_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=off" start >/dev/null
  "${as[@]}" "$PG_TEST_BIN/createdb" -h 127.0.0.1 -p "$port" -U switchboard switchboard
  export SWITCHBOARD_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/switchboard"
  export SWITCHBOARD_TEST_PG_USER=switchboard
  export SWITCHBOARD_TEST_PG_PASSWORD=""
  echo "PostgreSQL test cluster on 127.0.0.1:$port"
}

pg_test_stop() {
  [ -n "$PG_TEST_DIR" ] || return 0
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=""
}
