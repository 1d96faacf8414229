#!/usr/bin/env bash
# Loss, latency and an outage on the district link, on a kernel without netem:
#   tools/netfaults.sh [LOSS%] [DELAY_MS] [JITTER_MS] [OUTAGE_S] [STEADY_S]     defaults: 5 200 50 30 60
# The gateway runs inside a network namespace the test makes; nftables there drops LOSS % of the packets each way,
# a relay in the test holds each chunk DELAY_MS ± JITTER_MS, and the link goes down for OUTAGE_S seconds between
# two stretches of STEADY_S seconds. Only the namespace's own veth pair is changed. Needs root and the Debian
# packages iproute2, nftables and mosquitto. The result line is appended to artifacts/reliability/netfaults.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
export SMARTCAMPUS_NETFAULT_LOSS=${1:-5}
export SMARTCAMPUS_NETFAULT_DELAY_MS=${2:-200}
export SMARTCAMPUS_NETFAULT_JITTER_MS=${3:-50}
export SMARTCAMPUS_NETFAULT_OUTAGE_S=${4:-30}
export SMARTCAMPUS_NETFAULT_STEADY_S=${5:-60}
# The shipped district publishTimeout; the suite's short run uses 5 s (see DistrictFaultTests).
export SMARTCAMPUS_NETFAULT_PUBLISH_TIMEOUT_S=${SMARTCAMPUS_NETFAULT_PUBLISH_TIMEOUT_S:-10}
# The long run checks the goal itself: alarm p99 within 1 s while the link is usable.
export SMARTCAMPUS_NETFAULT_P99_LIMIT_MS=${SMARTCAMPUS_NETFAULT_P99_LIMIT_MS:-1000}

if [ "$SMARTCAMPUS_NETFAULT_LOSS" -gt 0 ] && ! command -v nft >/dev/null 2>&1; then
    echo "Packet loss needs the nft command: apt-get install nftables" >&2
    exit 3
fi

mkdir -p artifacts/reliability
export SMARTCAMPUS_RELIABILITY_REPORT="$PWD/artifacts/reliability/netfaults.txt"
dotnet build tests/Reliability.Tests -c Release --nologo -v quiet
dotnet test tests/Reliability.Tests -c Release --no-build --filter "FullyQualifiedName~DistrictFaultTests" \
    --logger "console;verbosity=normal" -- xunit.longRunningTestSeconds=600
tail -n 1 "$SMARTCAMPUS_RELIABILITY_REPORT"
