#!/usr/bin/env bash
# Power-cut runs. Two kinds:
#   tools/powercut.sh [CUTS] [SEED]         SIGKILL of the real gateway process at random moments during ingest,
#                                           buffering and drain, e.g. tools/powercut.sh 100
#   tools/powercut.sh disk [CUTS] [SEED]    in-process cuts of the outbox on a simulated disk that loses what was not
#                                           fsynced (dropped, torn or scattered pages, of the data file alone or of the
#                                           log and its manifest too), e.g. tools/powercut.sh disk 3000
#   SCATTER_LOG=1 tools/powercut.sh disk 1000   every cut scatters the pages of LiteDB's log and of its manifest
#                                           (see docs/reliability.md)
# Each cut checks that the outbox opens and that no accepted record is gone. The result line is appended to
# artifacts/reliability/powercut.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
filter="FullyQualifiedName~Reliability.Tests.PowerCut.PowerCutTests"
if [ "${1:-}" = "disk" ]; then
    shift
    filter="FullyQualifiedName~Reliability.Tests.PowerCut.DiskCutTests"
    export SMARTCAMPUS_POWERCUT_DISK_CUTS=${1:-3000}
    export SMARTCAMPUS_POWERCUT_SCATTER_LOG=${SCATTER_LOG:-0}
else
    export SMARTCAMPUS_POWERCUT_CUTS=${1:-100}
fi

mkdir -p artifacts/reliability
export SMARTCAMPUS_RELIABILITY_REPORT="$PWD/artifacts/reliability/powercut.txt"
if [ -n "${2:-}" ]; then
    export SMARTCAMPUS_POWERCUT_SEED=$2
fi

dotnet build tests/Reliability.Tests -c Release --nologo -v quiet
dotnet test tests/Reliability.Tests -c Release --no-build --filter "$filter" \
    --logger "console;verbosity=normal" -- xunit.longRunningTestSeconds=600
tail -n 2 "$SMARTCAMPUS_RELIABILITY_REPORT"
