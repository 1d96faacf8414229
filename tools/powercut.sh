#!/usr/bin/env bash
# Power-cut run on the real gateway process: SIGKILL at random moments during ingest, buffering and drain.
#   tools/powercut.sh [CUTS] [SEED]     e.g. tools/powercut.sh 120
# Each cut checks that the outbox opens and that no record it held before is gone without reaching the district.
# The result line is appended to artifacts/reliability/powercut.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
cuts=${1:-100}
mkdir -p artifacts/reliability
export SMARTCAMPUS_POWERCUT_CUTS=$cuts
export SMARTCAMPUS_RELIABILITY_REPORT="$PWD/artifacts/reliability/powercut.txt"
if [ -n "${2:-}" ]; then
    export SMARTCAMPUS_POWERCUT_SEED=$2
fi

dotnet build tests/Reliability.Tests -c Release --nologo -v quiet
dotnet test tests/Reliability.Tests -c Release --no-build --filter "FullyQualifiedName~PowerCutTests" \
    --logger "console;verbosity=normal" -- xunit.longRunningTestSeconds=600
tail -n 1 "$SMARTCAMPUS_RELIABILITY_REPORT"
