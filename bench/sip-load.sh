#!/usr/bin/env bash
# SIP load, side by side: Kamailio 5.6 (test-peers/kamailio, registrar + stateful proxy, usrloc in
# memory, digest via pv_auth_check) and, when a jar is given, Switchboard, under the same SIPp
# loads in the same run. Loopback only; every step is bounded in time.
#
#   bench/sip-load.sh [--jar app/target/switchboard.jar] [--users 1000] [--step-seconds 20]
#                     [--reg-rates "1000 2000 4000 6000 8000"] [--call-rates "250 500 1000 1500 2000"]
#                     [--hold-ms 1000] [--only kamailio|switchboard]
#
# For each server and load it runs the rates in order, stops at the first rate that fails, and
# prints per step: achieved rate, failures, server CPU seconds (utime+stime of the server process
# and its children from /proc), CPU cores used, memory (sum of PSS over the processes), and p50 /
# p99 response times from SIPp's rtd timers (-trace_rtt). Then a table with Switchboard/Kamailio.
#
# Loads: (a) REGISTER with digest (401, then 200), N users from an injection file;
#        (b) calls INVITE-180-200-ACK-(hold)-BYE through the proxy to N registered users, all
#            answered by one SIPp UAS; the caller is not challenged (no 407), as in Kamailio's
#            usual configuration for calls to local users.
# SIPp 3.6 writes response times in whole milliseconds, so p50/p99 below 1 ms read as 0.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

jar=""
users=1000
step=20
reg_rates="1000 2000 4000 6000 8000"
call_rates="250 500 1000 1500 2000"
hold_ms=1000
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --step-seconds) step=$2; shift 2 ;;
    --reg-rates) reg_rates=$2; shift 2 ;;
    --call-rates) call_rates=$2; shift 2 ;;
    --hold-ms) hold_ms=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

command -v sipp >/dev/null || { echo "sipp is missing (apt-get install sip-tester)" >&2; exit 1; }
kamailio_bin=$(command -v kamailio || echo /usr/sbin/kamailio)
scenarios=$root/server/src/test/resources/sipp
password=secret
domain=b.test

work=$(mktemp -d /tmp/switchboard-sip-load.XXXXXX)
pids=()   # only processes this script started
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# CPU ticks (utime+stime) of a process and all its descendants.
cpu_ticks() {
  local total=0 p
  for p in $(descendants "$1"); do
    [ -r /proc/$p/stat ] || continue
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' /proc/$p/stat)))
  done
  echo "$total"
}
descendants() {
  local p=$1 c
  echo "$p"
  for c in $(cat /proc/$p/task/*/children 2>/dev/null); do descendants "$c"; done
}
# Memory in MiB: the sum of PSS (shared pages split among the sharers), so Kamailio's shared
# memory is counted once however many workers map it.
memory_mib() {
  local total=0 p k
  for p in $(descendants "$1"); do
    k=$(awk '/^Pss:/ { print $2 }' /proc/$p/smaps_rollup 2>/dev/null || echo 0)
    total=$((total + ${k:-0}))
  done
  echo $((total / 1024))
}
hz=$(getconf CLK_TCK)

ping() { # host port -> 0 when it answers OPTIONS with 200
  sipp "$1:$2" -sf "$root/bench/sip/options-ping.xml" -i 127.0.0.1 -p 0 -m 1 -nostdin \
    -timeout 2s -timeout_error >/dev/null 2>&1
}

# percentile of a column of numbers (ms), from SIPp's rtt files
percentiles() { # rtt-file timer-name -> "p50 p99"; SIPp writes Date_ms;response_time_ms;rtd_no
  awk -F';' -v timer="$2" 'NR > 1 && $3 == timer { print $2 }' "$1" 2>/dev/null | sort -n |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit }
      i50 = int(NR * 0.50); if (i50 < 1) i50 = 1; i99 = int(NR * 0.99); if (i99 < 1) i99 = 1;
      printf "%.0f %.0f\n", v[i50], v[i99] }'
}

# run_step name server_pid host port scenario csv rate extra... -> prints one result line
results=$work/results.txt
: > "$results"
run_step() {
  local server=$1 load=$2 pid=$3 host=$4 port=$5 scenario=$6 csv=$7 rate=$8; shift 8
  local dir=$work/$server-$load-$rate
  mkdir -p "$dir"
  local calls=$((rate * step))
  local before after t0 t1
  before=$(cpu_ticks "$pid")
  t0=$(date +%s.%N)
  (cd "$dir" && timeout $((step + 40)) sipp "$host:$port" -sf "$scenario" -inf "$csv" \
    -i 127.0.0.1 -p 0 -r "$rate" -m "$calls" -l $((rate * 5 + 100)) -nostdin \
    -timeout $((step + 30))s -trace_stat -stf stat.csv -trace_rtt -rtt_freq 1 -trace_err \
    -error_file errors.log "$@" >sipp.out 2>&1) || true
  t1=$(date +%s.%N)
  after=$(cpu_ticks "$pid")
  local mem; mem=$(memory_mib "$pid")
  local ok failed
  ok=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next } END { print $h["SuccessfulCall(C)"] + 0 }' "$dir/stat.csv" 2>/dev/null || echo 0)
  failed=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next } END { print $h["FailedCall(C)"] + 0 }' "$dir/stat.csv" 2>/dev/null || echo 0)
  local rtt_file; rtt_file=$(ls "$dir"/*_rtt.csv 2>/dev/null | head -n 1 || true)
  local timer=reg; [ "$load" = call ] && timer=setup
  local p; p=$(percentiles "${rtt_file:-/dev/null}" "$timer")
  awk -v s="$server" -v l="$load" -v r="$rate" -v ok="$ok" -v f="$failed" -v n="$calls" \
    -v cpu=$(( after - before )) -v hz="$hz" -v t0="$t0" -v t1="$t1" -v mem="$mem" -v p="$p" \
    'BEGIN { split(p, q, " "); wall = t1 - t0; lost = n - ok;
      pass = (lost <= n * 0.001) ? "pass" : "FAIL";
      printf "%s %s %d %d %d %d %.2f %.2f %.2f %d %s %s %s\n", s, l, r, n, ok, lost, wall,
        cpu / hz, cpu / hz / wall, mem, q[1], q[2], pass }' | tee -a "$results"
  tail -n 1 "$results" | grep -q ' pass$'
}

make_csvs() { # contact_port -> register.csv, call.csv in $work
  awk -v n="$users" -v d="$domain" -v pw="$password" -v cp="$1" 'BEGIN { print "SEQUENTIAL";
    for (i = 0; i < n; i++) printf "%d;%s;[authentication username=%d password=%s];127.0.0.1:%d\n", 100000 + i, d, 100000 + i, pw, cp }' > "$work/register.csv"
  awk -v n="$users" -v d="$domain" -v pw="$password" 'BEGIN { print "RANDOM";
    for (i = 0; i < n; i++) printf "%d;%s;[authentication username=%d password=%s];%d\n", 100000 + i, d, 100000 + i, pw, 100000 + (i * 7 + 1) % n }' > "$work/call.csv"
}

bench_server() { # name pid port
  local name=$1 pid=$2 port=$3
  echo "== $name on 127.0.0.1:$port (pid $pid): REGISTER with digest, $users users, ${step}s per step"
  local uas_port; uas_port=$(free_port)
  make_csvs "$uas_port"
  for r in $reg_rates; do
    run_step "$name" register "$pid" 127.0.0.1 "$port" "$scenarios/register-uac.xml" "$work/register.csv" "$r" || break
  done
  echo "== $name: calls through the proxy, hold ${hold_ms} ms"
  (cd "$work" && exec sipp -sf "$scenarios/answer-uas.xml" -i 127.0.0.1 -p "$uas_port" -nostdin \
    -m 100000000 -timeout $(( (step + 40) * 8 ))s >"$work/uas-$name.out" 2>&1) &
  local uas=$!
  pids+=("$uas")
  # Register every user once with the UAS as contact, at a rate every server above managed.
  (cd "$work" && sipp "127.0.0.1:$port" -sf "$scenarios/register-uac.xml" -inf "$work/register.csv" \
    -i 127.0.0.1 -p 0 -r 500 -m "$users" -nostdin -timeout 60s >/dev/null 2>&1) ||
    echo "   (some users failed to register; calls to them will fail)"
  for r in $call_rates; do
    run_step "$name" call "$pid" 127.0.0.1 "$port" "$scenarios/call-uac.xml" "$work/call.csv" "$r" -d "$hold_ms" || break
  done
  kill "$uas" 2>/dev/null || true
  wait "$uas" 2>/dev/null || true
}

start_kamailio() {
  local port; port=$(free_port)
  local dir=$work/kamailio; mkdir -p "$dir"
  sed -e "s/@PORT@/$port/; s/@PEER_DOMAIN@/a.test/g; s/@PEER_TARGET@/127.0.0.1:5060/; s/@DOMAIN@/$domain/g; s/@PASSWORD@/$password/g" \
    test-peers/kamailio/kamailio-b.cfg.template > "$dir/kamailio.cfg"
  # Two UDP workers for two cores; 256 MB of shared memory for the transactions in flight.
  "$kamailio_bin" -f "$dir/kamailio.cfg" -DD -E -n "$(nproc)" -m 256 -M 16 -P "$dir/pid" -Y "$dir" \
    -A WITH_AUTH > "$dir/kamailio.log" 2>&1 &
  kamailio_pid=$!
  pids+=("$kamailio_pid")
  kamailio_port=$port
  for _ in $(seq 1 50); do ping 127.0.0.1 "$port" && return 0; sleep 0.2; done
  echo "kamailio did not answer OPTIONS; log:" >&2; tail -n 20 "$dir/kamailio.log" >&2
  return 1
}

start_switchboard() {
  [ -n "$jar" ] || { echo "== Switchboard: skipped (no --jar given)"; return 1; }
  [ -f "$jar" ] || { echo "== Switchboard: skipped ($jar does not exist; mvn -DskipTests package)"; return 1; }
  local dir=$work/switchboard; mkdir -p "$dir"
  local port; port=$(free_port)
  local token=bench-$$-$RANDOM
  java -jar "$jar" serve --data "$dir/data" --bind 127.0.0.1 --http-port 0 --sip-port "$port" \
    --admin-token "$token" > "$dir/serve.out" 2> "$dir/serve.err" &
  switchboard_pid=$!
  pids+=("$switchboard_pid")
  local url=""
  for _ in $(seq 1 150); do
    url=$(grep -o 'http://[^ ]*' "$dir/serve.out" 2>/dev/null | head -n 1 || true)
    [ -n "$url" ] && break
    kill -0 "$switchboard_pid" 2>/dev/null || break
    sleep 0.2
  done
  [ -n "$url" ] || { echo "== Switchboard: skipped (serve did not start)"; tail -n 5 "$dir/serve.err"; return 1; }
  url=${url%/}
  awk -v n="$users" -v pw="$password" 'BEGIN { print "user,password,displayName,enabled";
    for (i = 0; i < n; i++) printf "%d,%s,Extension %d,true\n", 100000 + i, pw, i }' > "$dir/accounts.csv"
  java -jar "$jar" admin tenant add --url "$url" --token "$token" --name Bench --domain "$domain" >/dev/null &&
    java -jar "$jar" admin import accounts --url "$url" --token "$token" --domain "$domain" "$dir/accounts.csv" >/dev/null ||
    { echo "== Switchboard: skipped (provisioning through the admin CLI failed)"; return 1; }
  switchboard_port=$port
  ping 127.0.0.1 "$port" || { echo "== Switchboard: skipped (no 200 to OPTIONS on $port)"; return 1; }
  # Without a registrar REGISTER gets no 200: say so instead of reporting a rate of zero.
  printf 'SEQUENTIAL\n100000;%s;[authentication username=100000 password=%s];127.0.0.1:9\n' "$domain" "$password" > "$dir/probe.csv"
  (cd "$dir" && sipp "127.0.0.1:$port" -sf "$scenarios/register-uac.xml" -inf "$dir/probe.csv" -i 127.0.0.1 -p 0 \
    -m 1 -nostdin -timeout 5s -timeout_error >/dev/null 2>&1) ||
    { echo "== Switchboard: skipped (REGISTER with digest is not answered 200 yet: registrar not landed?)"; return 1; }
  return 0
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -h | awk '/^Mem:/ { print $2 }') RAM"
echo "kamailio: $("$kamailio_bin" -v | head -n 1)   sipp: $(sipp -v 2>&1 | grep -o 'v[0-9][^ ]*' | head -n 1)"
echo "columns: server load rate calls ok lost wall_s cpu_s cores mem_MiB p50_ms p99_ms"

if [ "$only" != switchboard ]; then
  if start_kamailio; then bench_server kamailio "$kamailio_pid" "$kamailio_port"; fi
  kill "$kamailio_pid" 2>/dev/null || true
fi
if [ "$only" != kamailio ]; then
  if start_switchboard; then bench_server switchboard "$switchboard_pid" "$switchboard_port"; fi
fi

echo
echo "== summary: highest passing rate (< 0.1 % lost) per server and load"
awk '$13 == "pass" { key = $1 " " $2; if ($3 > best[key]) { best[key] = $3; line[key] = $0 } }
  END { for (k in line) print line[k] }' "$results" | sort > "$work/best.txt"
printf '%-12s %-9s %7s %7s %6s %8s %8s\n' server load rate cores MiB p50_ms p99_ms
awk '{ printf "%-12s %-9s %7d %7.2f %6d %8s %8s\n", $1, $2, $3, $9, $10, $11, $12 }' "$work/best.txt"
for load in register call; do
  k=$(awk -v l="$load" '$1 == "kamailio" && $2 == l' "$work/best.txt")
  s=$(awk -v l="$load" '$1 == "switchboard" && $2 == l' "$work/best.txt")
  if [ -n "$k" ] && [ -n "$s" ]; then
    echo "$k" "$s" | awk '{ printf "switchboard/kamailio %-9s rate %.2f  CPU per op %.2f  memory %.2f  p99 %.2f\n",
      $2, $16 / $3, ($22 / $16) / ($9 / $3), $23 / $10, $25 / $12 }'
  fi
done
