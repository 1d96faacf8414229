#!/usr/bin/env bash
# Runs the outbox crash loop with many SIGKILLs (default 100) against a real Mosquitto, for the benchmark page
# docs/benchmarks/sync.md. The test suite runs the same test with 20 kills.
#   tests/Sync.Tests/crash-loop.sh [ROUNDS]
# Prints the load average before and after, and the test's summary line (kills, clean opens, accepted records).
set -euo pipefail

cd "$(dirname "$0")/../.."
rounds="${1:-100}"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build tests/Sync.Tests -c Release -v quiet -nologo
log="$(mktemp)"
status=0
SYNC_CRASH_ROUNDS="$rounds" dotnet test tests/Sync.Tests -c Release --no-build \
    --filter "FullyQualifiedName~OutboxCrashTests.CrashLoop_AcceptedRecordsKept" \
    --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
grep -E "crash loop:|Passed |Failed |Total tests|Assert|Exception" "$log" || cat "$log"
rm -f "$log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
