#!/usr/bin/env bash
# Many gateways on one district Mosquitto: real DistrictUplink instances, each with its own outbox file, drain a
# backlog and then one record per gateway per second, read by two consumers on a shared subscription.
#   tools/district-scale.sh [GATEWAYS] [BACKLOG_PER_GATEWAY] [LIVE_SECONDS]     defaults: 500 100 10
# The result line (records/s, per-gateway finish times, lag) is appended to artifacts/reliability/district-scale.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
mkdir -p artifacts/reliability
export SMARTCAMPUS_SCALE_GATEWAYS=${1:-500}
export SMARTCAMPUS_SCALE_BACKLOG=${2:-100}
export SMARTCAMPUS_SCALE_LIVE_SECONDS=${3:-10}
export SMARTCAMPUS_RELIABILITY_REPORT="$PWD/artifacts/reliability/district-scale.txt"

dotnet build tests/Reliability.Tests -c Release --nologo -v quiet
dotnet test tests/Reliability.Tests -c Release --no-build --filter "FullyQualifiedName~DistrictScaleTests" --logger "console;verbosity=normal"
tail -n 1 "$SMARTCAMPUS_RELIABILITY_REPORT"
