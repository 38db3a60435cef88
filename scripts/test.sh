#!/usr/bin/env bash
# Runs every test of Switchboard. On a fresh Debian machine (as root) it first installs
# the real programs the tests drive, starts the servers they need and stops them after.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v sipp >/dev/null || need_pkgs+=(sip-tester)
command -v pg_ctlcluster >/dev/null || need_pkgs+=(postgresql)
# Interop peers: Kamailio (a second SIP domain) and baresip (a real softphone; its modules,
# g711/aufile/cons among them, are in baresip-core).
[ -x /usr/sbin/kamailio ] || command -v kamailio >/dev/null || need_pkgs+=(kamailio)
command -v baresip >/dev/null || need_pkgs+=(baresip)
# Wireshark's SigComp dissector: an independent UDVM that must decompress our messages.
command -v tshark >/dev/null || need_pkgs+=(tshark)
[ -f /usr/lib/baresip/modules/cons.so ] || need_pkgs+=(baresip-core)

# dnsmasq (the binary only, no system service): the DNS server the RFC 3263 tests publish
# NAPTR/SRV/A records with.
[ -x /usr/sbin/dnsmasq ] || command -v dnsmasq >/dev/null || need_pkgs+=(dnsmasq-base)
# sox: an independent G.711/WAV implementation the media tests compare against.
command -v sox >/dev/null || need_pkgs+=(sox)
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || need_pkgs+=(chromium-driver)
# A CJK font, so the Chinese console pages render in the browser tests' screenshots.
[ -d /usr/share/fonts/truetype/wqy ] || need_pkgs+=(fonts-wqy-microhei)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${need_pkgs[*]} ..."
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_pkgs[@]}" >/dev/null
  else
    echo "Missing ${need_pkgs[*]}: install them (apt-get install ${need_pkgs[*]}) or run as root." >&2
    exit 1
  fi
fi

# A throw-away PostgreSQL cluster of our own on a free port, removed on exit.
source scripts/pg-test-cluster.sh
pg_test_start
trap pg_test_stop EXIT

mvn -B -ntp verify "$@"

# The load benchmark's scenarios still run end to end against both servers (a regression check,
# not a measurement: low fixed rates, every Switchboard operation must complete).
if [ $# -eq 0 ]; then
  load_out=$(mktemp)
  bench/sip-load.sh --jar app/target/switchboard.jar --users 40 --step-seconds 3 \
    --warmup-seconds 2 --reg-rates 40 --call-rates 10 --mem-users 200 --mem-rate 100 | tee "$load_out"
  awk '$1 == "switchboard" && ($2 == "register" || $2 == "call") && NF >= 13 { seen[$2] = 1
         if ($6 != 0 || $5 != $4) bad = 1 }
       $1 == "kamailio" && ($2 == "register" || $2 == "call") && NF >= 13 { k[$2] = 1 }
       END { exit (bad || !seen["register"] || !seen["call"] || !k["register"] || !k["call"]) }' \
    "$load_out" || { echo "the SIP load scenarios did not complete (see above)" >&2; rm -f "$load_out"; exit 1; }
  rm -f "$load_out"
fi
