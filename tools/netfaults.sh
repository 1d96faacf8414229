#!/usr/bin/env bash
# Loss, latency and reordering on the district link, with tc netem inside a network namespace this script makes.
#   tools/netfaults.sh [LOSS%] [DELAY_MS] [REORDER%]     defaults: 5 100 25
# Only the veth pair of the new namespace is changed. The kernel must have the sch_netem qdisc. A kernel without it
# rejects "netem" as an unknown qdisc kind, and then the script stops with that reason and exit code 3. The suite's
# DistrictOutageTests (link down and up in the same kind of namespace) needs no netem.
set -euo pipefail

loss=${1:-5}
delay=${2:-100}
reorder=${3:-25}
ns="scproof-netem-$$"

cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
if ! error=$(ip netns exec "$ns" tc qdisc add dev lo root netem delay "${delay}ms" loss "${loss}%" reorder "${reorder}%" 2>&1); then
    echo "tc netem refused: $error" >&2
    echo "The kernel lacks the sch_netem qdisc (CONFIG_NET_SCH_NETEM); loss, latency and reordering cannot be injected here." >&2
    exit 3
fi

echo "netem is available: running the district outage test with loss ${loss}%, delay ${delay} ms, reorder ${reorder}%"
export SMARTCAMPUS_NETEM="delay ${delay}ms loss ${loss}% reorder ${reorder}%"
export SMARTCAMPUS_RELIABILITY_REPORT="$PWD/artifacts/reliability/netfaults.txt"
mkdir -p artifacts/reliability
cd "$(dirname "$0")/.."
dotnet test tests/Reliability.Tests -c Release --filter "FullyQualifiedName~DistrictOutageTests"
