#!/usr/bin/env bash
# Builds SIPp with OpenSSL as /usr/local/bin/sipp-tls, for the SIP-over-TLS tests (sipp -t l1):
# Debian 12's sip-tester is built without TLS. Pinned to a release tag; needs git and network
# access to the SIPp repository once. Run as root.
set -euo pipefail
SIPP_TAG="${SIPP_TAG:-v3.7.7}"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
  git cmake g++ make pkg-config libssl-dev libncurses-dev libpugixml-dev >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q --depth 1 --branch "$SIPP_TAG" https://github.com/SIPp/sipp.git "$work/sipp"
cd "$work/sipp"
# The bundled pugixml is a git submodule; Debian's libpugixml-dev stands in for it.
cmake -S . -B build -DUSE_SSL=1 -DUSE_PCAP=0 -DUSE_GSL=0 -DUSE_SCTP=0 >/dev/null
make -C build -j"$(nproc)" sipp >/dev/null
install -m 0755 build/sipp /usr/local/bin/sipp-tls
/usr/local/bin/sipp-tls -v | grep -q TLS || { echo "sipp-tls was built without TLS" >&2; exit 1; }
echo "installed /usr/local/bin/sipp-tls ($SIPP_TAG)"
