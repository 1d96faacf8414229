#!/usr/bin/env bash
# Coverage-guided fuzzing of one parser with AFL++ and SharpFuzz.
#   tools/fuzz.sh TARGET SECONDS      e.g. tools/fuzz.sh modbus-tcp 600
#   tools/fuzz.sh list                prints the targets
# Builds tests/Fuzz, instruments the product assemblies with the SharpFuzz command-line tool (restored from
# .config/dotnet-tools.json), then runs afl-fuzz on tests/Fuzz/corpus/TARGET for SECONDS seconds.
# Findings go to artifacts/fuzz/TARGET/; each crash is replayed once (on an uninstrumented copy) and its
# exception printed.
# New corpus entries stay under artifacts/; copy the interesting ones to tests/Fuzz/corpus/TARGET/ by hand.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
target=${1:?usage: tools/fuzz.sh TARGET SECONDS (or: tools/fuzz.sh list)}
bin="$root/artifacts/fuzz/bin"
plain="$root/artifacts/fuzz/plain"

if ! command -v afl-fuzz >/dev/null 2>&1; then
    echo "afl-fuzz is missing: apt-get install afl++" >&2
    exit 1
fi

if [ ! -x "$bin/SmartCampus.Edge.Fuzz" ] || [ -n "${FUZZ_REBUILD:-}" ]; then
    rm -rf "$bin" "$plain"
    dotnet publish tests/Fuzz -c Release -o "$bin" --nologo -v quiet
    cp -r "$bin" "$plain"
    dotnet tool restore >/dev/null
    # Only the product assemblies get coverage probes; the runtime, MQTTnet, LiteDB and YamlDotNet stay as shipped.
    for assembly in SmartCampus.Edge.Contracts SmartCampus.Edge.Drivers SmartCampus.Edge.Sync SmartCampus.Edge.Rules smartcampus-edge; do
        dotnet tool run sharpfuzz "$bin/$assembly.dll"
    done
fi

if [ "$target" = list ]; then
    "$plain/SmartCampus.Edge.Fuzz" 2>&1 | sed -n 's/^targets: //p'
    exit 0
fi

seconds=${2:?usage: tools/fuzz.sh TARGET SECONDS}
corpus="$root/tests/Fuzz/corpus/$target"
out="$root/artifacts/fuzz/$target"
[ -d "$corpus" ] || { echo "no corpus folder $corpus" >&2; exit 2; }
# afl-fuzz will not start over an earlier run's findings; keep them next to the new run.
if [ -d "$out" ]; then
    mv "$out" "$out.$(date -u +%Y%m%dT%H%M%SZ)"
fi
mkdir -p "$out"

# .NET is not an AFL-compiled binary (skip the check), starts slowly (long first-run timeout) and reserves
# more virtual memory than AFL's default limit (no memory limit).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export DOTNET_TieredPGO=0
afl-fuzz -i "$corpus" -o "$out" -t 5000 -m none -V "$seconds" -- "$bin/SmartCampus.Edge.Fuzz" "$target" | tail -n 30

stats="$out/default/fuzzer_stats"
if [ -f "$stats" ]; then
    grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)' "$stats"
fi

crashes=$(find "$out/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "crashes: $crashes"
if [ "$crashes" -gt 0 ]; then
    "$plain/SmartCampus.Edge.Fuzz" "$target" --replay "$out/default/crashes" || true
    exit 1
fi
