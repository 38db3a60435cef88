#!/usr/bin/env bash
# Benchmark: import N accounts (default 100000) from CSV through `switchboard admin import accounts`
# into a fresh server on the embedded H2 database or on PostgreSQL.
#   bash bench/import-accounts.sh h2  [N]
#   bash bench/import-accounts.sh pg  [N]   (uses $SWITCHBOARD_TEST_PG_URL or starts a private cluster)
# Prints the wall time of the CLI import (upload + validation + HA1 hashing + inserts) and the rate.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-h2}
n=${2:-100000}
jar=app/target/switchboard.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package

work=$(mktemp -d /tmp/switchboard-bench.XXXXXX)
server_pid=""
started_pg=""
schema=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$schema" ]; then psql_cmd -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true; fi
  if [ -n "$started_pg" ]; then pg_test_stop; fi
  rm -rf "$work"
}
psql_cmd() {
  local hostport=${SWITCHBOARD_TEST_PG_URL#jdbc:postgresql://}; hostport=${hostport%%/*}
  "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql" -q -h "${hostport%:*}" \
    -p "${hostport#*:}" -U "$SWITCHBOARD_TEST_PG_USER" -d switchboard "$@"
}
trap cleanup EXIT

db_args=()
if [ "$db" = pg ]; then
  if [ -z "${SWITCHBOARD_TEST_PG_URL:-}" ]; then
    source scripts/pg-test-cluster.sh
    pg_test_start
    started_pg=1
  fi
  psql_cmd -c "CREATE SCHEMA bench_$$" >/dev/null
  schema="bench_$$"
  db_args=(--db-url "$SWITCHBOARD_TEST_PG_URL?currentSchema=$schema" --db-user "$SWITCHBOARD_TEST_PG_USER")
fi

echo "Generating $n rows ..."
awk -v n="$n" 'BEGIN { print "user,password,displayName,enabled";
  for (i = 0; i < n; i++) printf "%d,pw-%08x-%d,Extension %d,true\n", 100000 + i, i * 2654435761 % 4294967296, i, i }' \
  > "$work/accounts.csv"

token=bench-$$-$RANDOM
java -jar "$jar" serve --data "$work/data" --bind 127.0.0.1 --http-port 0 --sip-port 0 \
  --admin-token "$token" "${db_args[@]}" > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://[^ ]*' "$work/serve.out" 2>/dev/null | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "server did not start" >&2; exit 1; }
url=${url%/}

java -jar "$jar" admin tenant add --url "$url" --token "$token" --name Bench --domain bench.test
start=$(date +%s.%N)
java -jar "$jar" admin import accounts --url "$url" --token "$token" --domain bench.test "$work/accounts.csv"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$n" -v db="$db" \
  'BEGIN { t = e - s; printf "RESULT db=%s rows=%d seconds=%.2f rate=%.0f rows/s\n", db, n, t, n / t }'
