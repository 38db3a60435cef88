#!/usr/bin/env bash
# SIP load, side by side and in the same run: Kamailio 5.6 (test-peers/kamailio, registrar +
# stateful proxy, usrloc in memory, digest via pv_auth_check for REGISTER and for INVITEs from local
# users) and Switchboard (serve, embedded H2), under the same SIPp loads. Loopback only; every
# SIPp run is bounded by a message count and a timeout; only processes started here are stopped.
#
#   bench/sip-load.sh --jar app/target/switchboard.jar [--uacs 2] [--users 2000]
#       [--step-seconds 10] [--reg-rates "2000 4000 ..."] [--call-rates "500 1000 ..."]
#       [--hold-ms 500] [--mem-users 100000] [--mem-rate 2500] [--jvm "-Xmx1g"]
#       [--warmup-seconds 30] [--java-extra "-D..."] [--only kamailio|switchboard] [--keep DIR]
#
# Loads, each split over --uacs SIPp client processes with disjoint user ranges (one SIPp process
# saturates near 0.5-1 core; several are needed to load a server that does not):
#   (a) REGISTER with digest (401, then 200), stepped rates;
#   (b) calls INVITE-(407, ACK, INVITE with credentials)-180-200-ACK-(hold)-BYE through the proxy,
#       to users registered first with one of --uacs SIPp UAS processes as their contact. Both
#       servers challenge the caller (Kamailio with -A WITH_CALL_AUTH; Switchboard always does);
#   (c) p50/p99 of SIPp's rtd timers (reg: first REGISTER to 200; setup: first INVITE to 200);
#   (d) server CPU seconds (utime+stime from /proc/PID/stat of the server and its children) per
#       1,000 operations, at each step;
#   (e) memory for --mem-users users registered at --mem-rate: VmRSS summed over the server's
#       processes and PSS summed (Kamailio's workers share one shared-memory pool, which RSS counts
#       once per worker and PSS once), before and after, scaled to 100,000 users.
# Rates step up per server until a step fails: more than 0.1 % of the attempted operations not
# completed, or less than 90 % of the offered rate achieved. Kamailio and Switchboard alternate
# at each rate so both meet the same machine state. SIPp 3.6 writes response times in whole ms.
#
# SIPp 3.6 answers only the first challenge and only MD5; Switchboard offers SHA-256 first. The
# script passes `--digest-challenge-order md5-first` when the jar's serve knows it; otherwise
# give a jar built to put MD5 first (see docs/benchmarks.md) or REGISTER fails at every rate.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

jar=""
uacs=2
users=2000
step=10
reg_rates="2000 3000 4000 5000 6000 7000 8000"
call_rates="250 500 750 1000 1250 1500 1750 2000"
hold_ms=500
warmup=30
mem_users=100000
mem_rate=2500
# None by default: the README starts `java -jar … serve` without flags, so the JVM's defaults
# (G1, a heap of up to a quarter of the RAM) are what a user runs and what is measured.
jvm=""
java_extra=""
only=""
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;;
    --uacs) uacs=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --step-seconds) step=$2; shift 2 ;;
    --reg-rates) reg_rates=$2; shift 2 ;;
    --call-rates) call_rates=$2; shift 2 ;;
    --hold-ms) hold_ms=$2; shift 2 ;;
    --warmup-seconds) warmup=$2; shift 2 ;;
    --mem-users) mem_users=$2; shift 2 ;;
    --mem-rate) mem_rate=$2; shift 2 ;;
    --jvm) jvm=$2; shift 2 ;;
    --java-extra) java_extra=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

command -v sipp >/dev/null || { echo "sipp is missing (apt-get install sip-tester)" >&2; exit 1; }
kamailio_bin=$(command -v kamailio || echo /usr/sbin/kamailio)
scenarios=$root/server/src/test/resources/sipp
password=secret
domain=b.test
base_user=100000

work=$(mktemp -d /tmp/switchboard-sip-load.XXXXXX)
pids=() # only processes this script started
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$keep" ]; then mkdir -p "$keep" && cp -r "$work"/. "$keep"/; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
descendants() {
  local p=$1 c
  echo "$p"
  for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do descendants "$c"; done
}
cpu_ticks() { # utime+stime of a process and all its descendants
  local total=0 p
  for p in $(descendants "$1"); do
    [ -r /proc/"$p"/stat ] || continue
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' /proc/"$p"/stat)))
  done
  echo "$total"
}
mem_kib() { # "rss_kib pss_kib" summed over a process and its descendants
  local rss=0 pss=0 p r s
  for p in $(descendants "$1"); do
    r=$(awk '/^VmRSS:/ { print $2 }' /proc/"$p"/status 2>/dev/null || echo 0)
    s=$(awk '/^Pss:/ { print $2 }' /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)
    rss=$((rss + ${r:-0})); pss=$((pss + ${s:-0}))
  done
  echo "$rss $pss"
}
hz=$(getconf CLK_TCK)
sipp_common=(-i 127.0.0.1 -nostdin -buff_size 4194304)

ping() { # host port -> 0 when it answers OPTIONS with 200
  sipp "$1:$2" -sf "$root/bench/sip/options-ping.xml" -i 127.0.0.1 -p 0 -m 1 -nostdin \
    -timeout 2s -timeout_error >/dev/null 2>&1
}

# Injection files for UAC k of $uacs: users base+k, base+k+uacs, ... (disjoint ranges); contacts
# alternate between the UAS ports given; callees are any user of the load set.
make_csvs() { # dir n uas_ports...
  local dir=$1 n=$2; shift 2
  local ports="$*" k
  for k in $(seq 0 $((uacs - 1))); do
    awk -v n="$n" -v k="$k" -v u="$uacs" -v b="$base_user" -v d="$domain" -v pw="$password" \
      -v ports="$ports" 'BEGIN { np = split(ports, P, " "); print "SEQUENTIAL";
      for (i = k; i < n; i += u) printf "%d;%s;[authentication username=%d password=%s];127.0.0.1:%d\n",
        b + i, d, b + i, pw, P[(i % np) + 1] }' > "$dir/register-$k.csv"
    awk -v n="$n" -v k="$k" -v u="$uacs" -v b="$base_user" -v d="$domain" -v pw="$password" \
      'BEGIN { print "SEQUENTIAL";
      for (i = k; i < n; i += u) printf "%d;%s;[authentication username=%d password=%s];%d\n",
        b + i, d, b + i, pw, b + (i * 7 + 1) % n }' > "$dir/call-$k.csv"
  done
}

# Runs $uacs SIPp clients in parallel, each at rate/uacs for count/uacs operations.
# run_sipp dir port scenario csv-prefix rate count timeout_s extra... -> dir/k/ with stat.csv, rtt
run_sipp() {
  local dir=$1 port=$2 scenario=$3 csvp=$4 rate=$5 count=$6 tmo=$7; shift 7
  local k ps=() per_rate per_count
  per_rate=$(awk -v r="$rate" -v u="$uacs" 'BEGIN { printf "%.3f", r / u }')
  per_count=$(( (count + uacs - 1) / uacs ))
  for k in $(seq 0 $((uacs - 1))); do
    mkdir -p "$dir/$k"
    (cd "$dir/$k" && exec timeout $((tmo + 20)) sipp "127.0.0.1:$port" -sf "$scenario" \
      -inf "$csvp-$k.csv" "${sipp_common[@]}" -p "$(free_port)" -r "$per_rate" -m "$per_count" \
      -l $(( ${per_rate%.*} * (hold_ms / 1000 + 8) + 200 )) -timeout "${tmo}s" \
      -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq 100 -trace_err -error_file errors.log \
      "$@" >sipp.out 2>&1) &
    ps+=($!)
  done
  for k in "${ps[@]}"; do wait "$k" || true; done
}
sum_stat() { # dir column -> sum over the UACs of the last value of a stat.csv column
  local t=0 f v
  for f in "$1"/*/stat.csv; do
    v=$(awk -F';' -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
      END { print (c ? $c : 0) + 0 }' "$f" 2>/dev/null || echo 0)
    t=$((t + ${v:-0}))
  done
  echo "$t"
}
percentiles() { # dir timer -> "p50 p99" in ms over every UAC's rtt file
  cat "$1"/*/*_rtt.csv 2>/dev/null | awk -F';' -v t="$2" '$3 == t { print $2 }' | sort -n |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit }
      i50 = int(NR * 0.50); if (i50 < 1) i50 = 1; i99 = int(NR * 0.99); if (i99 < 1) i99 = 1;
      printf "%s %s\n", v[i50], v[i99] }'
}

results=$work/results.txt
: > "$results"
# The calls scenario of the server tests, except that a 180 overtaken by the 200 (two workers in
# the proxy may send them in either order) is absorbed after the ACK instead of aborting the call.
awk -v hold="$hold_ms" '/^  <pause\/>$/ { print "  <recv response=\"180\" timeout=\"" hold "\" ontimeout=\"bye\"/>";
  print "  <label id=\"bye\"/>"; next } { print }' "$scenarios/call-uac.xml" > "$work/call-uac.xml"
# step server load rate -> one line in $results; 0 when the step passed
step_run() {
  local server=$1 load=$2 rate=$3
  local pid port scen timer extra=()
  if [ "$server" = kamailio ]; then pid=$kamailio_pid; port=$kamailio_port
  else pid=$switchboard_pid; port=$switchboard_port; fi
  if [ "$load" = register ]; then scen=$scenarios/register-uac.xml; timer=reg
  else scen=$work/call-uac.xml; timer=setup; extra=(-d "$hold_ms"); fi
  local dir=$work/$server-$load-$rate
  local count=$((rate * step))
  local before after t0 t1
  before=$(cpu_ticks "$pid"); t0=$(date +%s.%N)
  run_sipp "$dir" "$port" "$scen" "$work/$server/$load" "$rate" "$count" $((step + 15)) "${extra[@]}"
  t1=$(date +%s.%N); after=$(cpu_ticks "$pid")
  local ok p
  ok=$(sum_stat "$dir" "SuccessfulCall(C)")
  p=$(percentiles "$dir" "$timer")
  awk -v s="$server" -v l="$load" -v r="$rate" -v ok="$ok" -v n="$count" -v cpu=$((after - before)) \
    -v hz="$hz" -v t0="$t0" -v t1="$t1" -v p="$p" -v hold="$hold_ms" \
    'BEGIN { split(p, q, " "); wall = t1 - t0; if (l == "call") wall -= hold / 1000; lost = n - ok;
      achieved = ok / wall; cpus = cpu / hz;
      pass = (lost <= n * 0.001 && achieved >= 0.9 * r) ? "pass" : "FAIL";
      printf "%s %s %d %d %d %d %.0f %.2f %.2f %.3f %s %s %s\n", s, l, r, n, ok, lost, achieved,
        cpus, cpus / wall, (ok > 0 ? cpus * 1000 / ok : 0), q[1], q[2], pass }' | tee -a "$results"
  tail -n 1 "$results" | grep -q ' pass$'
}

start_kamailio() {
  local dir=$work/kamailio; mkdir -p "$dir"
  kamailio_port=$(free_port)
  sed -e "s/@PORT@/$kamailio_port/; s/@PEER_DOMAIN@/a.test/g; s/@PEER_TARGET@/127.0.0.1:9/; s/@DOMAIN@/$domain/g; s/@PASSWORD@/$password/g" \
    test-peers/kamailio/kamailio-b.cfg.template > "$dir/kamailio.cfg"
  # One UDP worker per core; shared memory for 100,000 bindings and the transactions in flight.
  "$kamailio_bin" -f "$dir/kamailio.cfg" -DD -E -n "$(nproc)" -m 512 -M 16 -P "$dir/pid" -Y "$dir" \
    -A WITH_AUTH -A WITH_CALL_AUTH > "$dir/kamailio.log" 2>&1 &
  kamailio_pid=$!
  pids+=("$kamailio_pid")
  for _ in $(seq 1 50); do ping 127.0.0.1 "$kamailio_port" && return 0; sleep 0.2; done
  echo "kamailio did not answer OPTIONS; log:" >&2; tail -n 20 "$dir/kamailio.log" >&2
  return 1
}

start_switchboard() {
  [ -f "$jar" ] || { echo "== Switchboard: skipped (no --jar, or $jar does not exist)"; return 1; }
  local dir=$work/switchboard; mkdir -p "$dir"
  switchboard_port=$(free_port)
  local token=bench-$$-$RANDOM order=()
  if java -jar "$jar" serve --help 2>/dev/null | grep -q -- --digest-challenge-order; then
    order=(--digest-challenge-order md5-first)
  fi
  # shellcheck disable=SC2086
  java $jvm $java_extra -jar "$jar" serve --data "$dir/data" --bind 127.0.0.1 --http-port 0 \
    --sip-port "$switchboard_port" --admin-token "$token" "${order[@]}" \
    > "$dir/serve.out" 2> "$dir/serve.err" &
  switchboard_pid=$!
  pids+=("$switchboard_pid")
  local url=""
  for _ in $(seq 1 150); do
    url=$(grep -o 'http://[^ ]*' "$dir/serve.out" 2>/dev/null | head -n 1 || true)
    [ -n "$url" ] && break
    kill -0 "$switchboard_pid" 2>/dev/null || break
    sleep 0.2
  done
  [ -n "$url" ] || { echo "== Switchboard: serve did not start"; tail -n 5 "$dir/serve.err"; return 1; }
  url=${url%/}
  local n=$(( mem_users > users ? mem_users : users ))
  awk -v n="$n" -v b="$base_user" -v pw="$password" 'BEGIN { print "user,password,displayName,enabled";
    for (i = 0; i < n; i++) printf "%d,%s,Extension %d,true\n", b + i, pw, i }' > "$dir/accounts.csv"
  java -jar "$jar" admin tenant add --url "$url" --token "$token" --name Bench --domain "$domain" >/dev/null &&
    java -jar "$jar" admin import accounts --url "$url" --token "$token" --domain "$domain" "$dir/accounts.csv" >/dev/null 2>"$dir/import.err" ||
    { echo "== Switchboard: provisioning through the admin CLI failed"; return 1; }
  ping 127.0.0.1 "$switchboard_port" || { echo "== Switchboard: no 200 to OPTIONS"; return 1; }
  printf 'SEQUENTIAL\n%d;%s;[authentication username=%d password=%s];127.0.0.1:9\n' \
    "$base_user" "$domain" "$base_user" "$password" > "$dir/probe.csv"
  (cd "$dir" && sipp "127.0.0.1:$switchboard_port" -sf "$scenarios/register-uac.xml" -inf "$dir/probe.csv" \
    -i 127.0.0.1 -p 0 -m 1 -nostdin -timeout 5s -timeout_error >/dev/null 2>&1) ||
    { echo "== Switchboard: REGISTER with digest not answered 200 (MD5 challenge not first?)"; return 1; }
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -h | awk '/^Mem:/ { print $2 }') RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kamailio: $("$kamailio_bin" -v | head -n 1)   sipp: $(sipp -v 2>&1 | grep -o 'v[0-9][^ ]*' | head -n 1)   java: $(java -version 2>&1 | head -n 1)"
echo "switchboard JVM flags: $jvm $java_extra   SIPp UACs per load: $uacs, step ${step}s, hold ${hold_ms} ms"

servers=()
if [ "$only" != switchboard ] && start_kamailio; then servers+=(kamailio); fi
if [ "$only" != kamailio ] && start_switchboard; then servers+=(switchboard); fi
[ ${#servers[@]} -gt 0 ] || exit 1
declare -A uas_ports
for s in "${servers[@]}"; do
  mkdir -p "$work/$s"
  ports=()
  for k in $(seq 1 "$uacs"); do ports+=("$(free_port)"); done
  uas_ports[$s]="${ports[*]}"
  make_csvs "$work/$s" "$users" "${ports[@]}"
done

echo "columns: server load rate attempted ok lost achieved/s cpu_s cores cpu_s_per_1000 p50_ms p99_ms verdict"
port_of() { if [ "$1" = kamailio ]; then echo "$kamailio_port"; else echo "$switchboard_port"; fi; }
# Not measured: lets the JVM compile its hot paths (C2 alone used more CPU than the SIP threads in
# the first minute, see docs/benchmarks.md); Kamailio gets the same load for symmetry.
warm() { # load scenario csv-prefix rate
  local s
  for s in "${servers[@]}"; do
    [ "$warmup" -gt 0 ] || continue
    run_sipp "$work/$s-warmup-$1" "$(port_of "$s")" "$2" "$work/$s/$3" "$4" $(($4 * warmup)) $((warmup + 15)) "${@:5}"
    echo "   warm-up $1 $s: $(sum_stat "$work/$s-warmup-$1" "SuccessfulCall(C)") of $(($4 * warmup)) at $4/s (not counted)"
  done
}
echo "== (a) REGISTER with digest, $users users"
warm register "$scenarios/register-uac.xml" register 500
declare -A failed
for r in $reg_rates; do
  for s in "${servers[@]}"; do
    [ -z "${failed[$s-register]:-}" ] || continue
    step_run "$s" register "$r" || failed[$s-register]=1
  done
done

echo "== (b) calls through the proxy with the 407 challenge, hold ${hold_ms} ms"
uas=()
for s in "${servers[@]}"; do
  sport=$([ "$s" = kamailio ] && echo "$kamailio_port" || echo "$switchboard_port")
  for p in ${uas_ports[$s]}; do
    # Each UAS port registers its own users from that very port and then answers there:
    # Switchboard sends to the flow a binding registered from (RFC 5626 style), Kamailio to the
    # Contact; both then reach the UAS.
    awk -F';' -v p="$p" 'NR == 1 || $4 == "127.0.0.1:" p' "$work/$s"/register-*.csv > "$work/$s/uas-$p.csv"
    sed -i '2,${/^SEQUENTIAL$/d}' "$work/$s/uas-$p.csv"
    n=$(($(wc -l < "$work/$s/uas-$p.csv") - 1))
    mkdir -p "$work/uas-$s-$p"
    (cd "$work/uas-$s-$p" && timeout 60 sipp "127.0.0.1:$sport" -sf "$scenarios/register-uac.xml" \
      -inf "$work/$s/uas-$p.csv" "${sipp_common[@]}" -p "$p" -r 1000 -m "$n" -timeout 30s \
      -trace_stat -stf prereg.csv >prereg.out 2>&1) || true
    echo "   $s: $(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "SuccessfulCall(C)") c = i; next } END { print $c + 0 }' "$work/uas-$s-$p/prereg.csv") of $n users registered from UAS port $p"
    (cd "$work/uas-$s-$p" && exec timeout 1800 sipp -sf "$scenarios/answer-uas.xml" "${sipp_common[@]}" \
      -p "$p" -m 100000000 >sipp.out 2>&1) &
    uas+=($!); pids+=($!)
  done
done
sleep 1
warm call "$work/call-uac.xml" call 200 -d "$hold_ms"
for r in $call_rates; do
  for s in "${servers[@]}"; do
    [ -z "${failed[$s-call]:-}" ] || continue
    step_run "$s" call "$r" || failed[$s-call]=1
  done
done
for p in "${uas[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done

echo "== (e) memory: $mem_users users registered at $mem_rate/s"
mem=$work/mem.txt; : > "$mem"
for s in "${servers[@]}"; do
  pid=$([ "$s" = kamailio ] && echo "$kamailio_pid" || echo "$switchboard_pid")
  port=$([ "$s" = kamailio ] && echo "$kamailio_port" || echo "$switchboard_port")
  mkdir -p "$work/$s-mem"
  for k in $(seq 0 $((uacs - 1))); do
    awk -v n="$mem_users" -v k="$k" -v u="$uacs" -v b="$base_user" -v d="$domain" -v pw="$password" \
      'BEGIN { print "SEQUENTIAL"; for (i = k; i < n; i += u)
        printf "%d;%s;[authentication username=%d password=%s];127.0.0.1:%d\n", b + i, d, b + i, pw, 20000 + i % 40000 }' \
      > "$work/$s-mem/register-$k.csv"
  done
  read -r rss0 pss0 < <(mem_kib "$pid")
  run_sipp "$work/$s-mem/run" "$port" "$scenarios/register-uac.xml" "$work/$s-mem/register" \
    "$mem_rate" "$mem_users" $((mem_users / mem_rate + 60))
  sleep 2
  read -r rss1 pss1 < <(mem_kib "$pid")
  ok=$(sum_stat "$work/$s-mem/run" "SuccessfulCall(C)")
  echo "$s $ok $rss0 $rss1 $pss0 $pss1" | tee -a "$mem" |
    awk '{ printf "   %s: %d registered; RSS %d -> %d MiB, PSS %d -> %d MiB\n", $1, $2, $3/1024, $4/1024, $5/1024, $6/1024 }'
done

echo
echo "== summary: highest passing rate (< 0.1 % lost, >= 90 % of offered rate) per server and load"
awk '$13 == "pass" { key = $1 " " $2; if ($3 > best[key]) { best[key] = $3; line[key] = $0 } }
  END { for (k in line) print line[k] }' "$results" | sort > "$work/best.txt"
printf '%-12s %-9s %7s %7s %10s %8s %8s\n' server load rate cores cpu/1000 p50_ms p99_ms
awk '{ printf "%-12s %-9s %7d %7.2f %10.3f %8s %8s\n", $1, $2, $3, $9, $10, $11, $12 }' "$work/best.txt"
awk '{ printf "%-12s memory    %d users: RSS +%d MiB (total %d), PSS +%d MiB (total %d); per 100,000 users: RSS +%.0f MiB, PSS +%.0f MiB\n",
  $1, $2, ($4-$3)/1024, $4/1024, ($6-$5)/1024, $6/1024, ($4-$3)/1024*100000/($2?$2:1), ($6-$5)/1024*100000/($2?$2:1) }' "$mem"
echo
echo "== Switchboard / Kamailio"
for load in register call; do
  k=$(awk -v l="$load" '$1 == "kamailio" && $2 == l' "$work/best.txt")
  s=$(awk -v l="$load" '$1 == "switchboard" && $2 == l' "$work/best.txt")
  if [ -n "$k" ] && [ -n "$s" ]; then
    echo "$k $s" | awk '{ printf "%-9s rate %.2f   CPU per 1000 %.2f   p50 %s/%s ms   p99 %s/%s ms\n",
      $2, $16 / $3, $23 / $10, $24, $11, $25, $12 }'
  else
    echo "$load: no passing step for one of the servers"
  fi
done
k=$(awk '$1 == "kamailio"' "$mem"); s=$(awk '$1 == "switchboard"' "$mem")
if [ -n "$k" ] && [ -n "$s" ]; then
  echo "$k $s" | awk '{ printf "memory    RSS total %.2f   RSS growth per user %.2f   PSS total %.2f\n",
    $10 / $4, (($10 - $9) / ($8 ? $8 : 1)) / (($4 - $3) / ($2 ? $2 : 1)), $12 / $6 }'
fi
