#!/usr/bin/env bash
# Soak run of the real gateway on a scaled, simulated campus with faults on a schedule, sampling its resources.
#   tools/soak.sh DEVICES POINTS BOARDS GATES MINUTES [SAMPLE_SECONDS] [OUT_DIR]
#   e.g. tools/soak.sh 500 10000 100 20 30 10
# DEVICES Modbus TCP devices poll the gateway's in-process classroom simulator every 2 s, with POINTS points
# spread over them; BOARDS class boards and GATES access gates send heartbeats and status through the embedded
# campus broker (mosquitto_pub); a local Mosquitto is the district broker.
# Faults, every 5 minutes in turn: the district broker is killed for 60 s; all boards go silent for 120 s (their
# heartbeat timeout is 90 s, so they go offline and come back); the district broker is stopped gracefully for 30 s.
# Every SAMPLE_SECONDS a line goes to OUT_DIR/samples.csv: elapsed seconds, RSS KiB, open file handles, threads,
# outbox bytes, log bytes, and from the console's /metrics the managed (GC) heap and the memory the GC has
# committed, both after the last collection, in KiB.
# Warm-up: the outbox is a bounded buffer that fills first (SOAK_OUTBOX_MB, default 128 MiB, the campus.yaml
# outbox.maxDiskMegabytes), and RSS steps up while it fills and when the first drop at the budget happens. The
# steady state starts at the first sample after the first drop (log event 4005), and not before SOAK_WARMUP_MINUTES
# (default 5). At the end the script prints the growth of each series over the steady state (mean of its last
# third against the mean of its first third). It also prints the growth over the whole run (last third against
# middle third) and draws OUT_DIR/soak.png with gnuplot. The console is on (plain HTTP on a free loopback port),
# so its point history counts in the memory series.
# SOAK_GATEWAY_BINARY runs a published single-file executable; SOAK_GATEWAY_DLL an existing build with `dotnet`.
set -euo pipefail

devices=${1:?usage: tools/soak.sh DEVICES POINTS BOARDS GATES MINUTES [SAMPLE_SECONDS] [OUT_DIR]}
points=${2:?}
boards=${3:?}
gates=${4:?}
minutes=${5:?}
sample=${6:-10}
cd "$(dirname "$0")/.."
root=$(pwd)
out=${7:-$root/artifacts/soak/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in /usr/sbin/mosquitto mosquitto_pub; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing: apt-get install mosquitto mosquitto-clients" >&2; exit 1; }
done

# SOAK_GATEWAY_DLL runs an existing build (the test suite passes its own); otherwise the gateway is published once.
outbox_mb=${SOAK_OUTBOX_MB:-128}
warmup_minutes=${SOAK_WARMUP_MINUTES:-5}
gateway_binary=${SOAK_GATEWAY_BINARY:-}
gateway_dll=${SOAK_GATEWAY_DLL:-}
if [ -z "$gateway_dll" ] && [ -z "$gateway_binary" ]; then
    bin="$root/artifacts/soak/bin"
    if [ ! -f "$bin/smartcampus-edge.dll" ] || [ -n "${SOAK_REBUILD:-}" ]; then
        dotnet publish src/Gateway -c Release -o "$bin" --nologo -v quiet
    fi
    gateway_dll="$bin/smartcampus-edge.dll"
fi

bytes() { { du -sb "$@" 2>/dev/null || echo 0; } | head -n 1 | cut -f1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
district_port=$(free_port)
campus_port=$(free_port)
simulator_port=$(free_port)
console_port=$(free_port)
site="$out/site"
mkdir -p "$site"

# --- district broker -----------------------------------------------------------------------------------------
cat > "$site/district.conf" <<CONF
listener $district_port 127.0.0.1
allow_anonymous true
persistence true
persistence_location $site/
autosave_interval 5
max_queued_messages 1000000
CONF
district_pid=
start_district() { /usr/sbin/mosquitto -c "$site/district.conf" >>"$site/district.log" 2>&1 & district_pid=$!; }
start_district

# --- campus.yaml -----------------------------------------------------------------------------------------------
{
    cat <<YAML
school:
  id: soak-school
  name: 浸泡测试学校
gateway:
  id: gw-soak
  language: en
  dataDirectory: ./data
campusBroker:
  mode: embedded
  host: 127.0.0.1
  port: $campus_port
  username: gateway
  password: soak-gateway-pass
district:
  host: 127.0.0.1
  port: $district_port
  protocol: "5"
  topicPrefix: district
outbox:
  maxDiskMegabytes: $outbox_mb
console:
  enabled: true
  address: 127.0.0.1
  port: $console_port
  https: false
simulators:
  - kind: modbus-classroom
    host: 127.0.0.1
    port: $simulator_port
    unitId: 1
    co2RisePerSecondPpm: 1
devices:
YAML
    per_device=$(( (points + devices - 1) / devices ))
    for ((d = 1; d <= devices; d++)); do
        printf '  - id: dev-%04d\n    kind: modbus-tcp\n    host: 127.0.0.1\n    port: %s\n    unitId: 1\n    pollInterval: 2s\n    timeout: 1s\n    points:\n' "$d" "$simulator_port"
        for ((p = 0; p < per_device; p++)); do
            printf '      - id: p%03d\n        function: holding\n        address: %d\n        type: uint16\n' "$p" $(( p % 4 ))
        done
    done
    for ((b = 1; b <= boards; b++)); do
        printf '  - id: board-%03d\n    kind: class-board\n    room: "%d"\n    password: soak-board-%d\n' "$b" "$b" "$b"
    done
    for ((g = 1; g <= gates; g++)); do
        printf '  - id: gate-%02d\n    kind: access-gate\n    password: soak-gate-%d\n' "$g" "$g"
    done
} > "$site/campus.yaml"

# --- gateway -----------------------------------------------------------------------------------------------------
# The runtime settings of hardware/systemd/smartcampus-edge.service that only the environment sets; a variable
# already set in the shell wins.
export DOTNET_gcServer="${DOTNET_gcServer:-0}" DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x400000}"
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
export DOTNET_TC_QuickJit="${DOTNET_TC_QuickJit:-0}" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
if [ -n "$gateway_binary" ]; then
    (cd "$site" && DOTNET_BUNDLE_EXTRACT_BASE_DIR="$site/bundle" exec "$gateway_binary" run --config "$site/campus.yaml" --language en >"$site/console.log" 2>&1) &
else
    (cd "$site" && exec dotnet "$gateway_dll" run --config "$site/campus.yaml" --language en >"$site/console.log" 2>&1) &
fi
gateway_pid=$!
clients_pid=

cleanup() {
    [ -n "$clients_pid" ] && kill "$clients_pid" 2>/dev/null || true
    kill -TERM "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
    [ -n "$district_pid" ] && kill "$district_pid" 2>/dev/null || true
}
trap cleanup EXIT

# --- boards and gates: heartbeats every 30 s, unless the silence flag is set -----------------------------------
silence="$site/boards-silent"
(
    while true; do
        if [ ! -e "$silence" ]; then
            for ((b = 1; b <= boards; b++)); do
                id=$(printf 'board-%03d' "$b")
                mosquitto_pub -h 127.0.0.1 -p "$campus_port" -u "$id" -P "soak-board-$b" -i "$id" -q 1 \
                    -t "campus/boards/$id/heartbeat" -m '{"fw":"soak"}' 2>/dev/null || true
            done
            for ((g = 1; g <= gates; g++)); do
                id=$(printf 'gate-%02d' "$g")
                mosquitto_pub -h 127.0.0.1 -p "$campus_port" -u "$id" -P "soak-gate-$g" -i "$id" -q 1 -r \
                    -t "campus/gates/$id/status" -m '{"online":true}' 2>/dev/null || true
            done
        fi
        sleep 30
    done
) &
clients_pid=$!

# --- sampling and the fault schedule ------------------------------------------------------------------------------
# GC heap and committed bytes after the last collection, summed over the generations, in KiB; 0 until the console
# responds. The names are the runtime meter's dotnet.gc.last_collection.* instruments as Prometheus writes them.
gc_kib() {
    { curl -s --max-time 3 "http://127.0.0.1:$console_port/metrics" 2>/dev/null || true; } | awk '
        /^dotnet_gc_last_collection_heap_size/ { heap += $NF }
        /^dotnet_gc_last_collection_memory_committed_size/ { committed += $NF }
        END { printf "%d,%d", heap / 1024, committed / 1024 }'
}

echo "elapsed_s,rss_kib,handles,threads,outbox_bytes,log_bytes,gc_heap_kib,gc_committed_kib" > "$out/samples.csv"
full_at=
echo "soak: devices=$devices points=$points boards=$boards gates=$gates minutes=$minutes sample=${sample}s out=$out"
start=$(date +%s)
end=$(( start + minutes * 60 ))
fault_at=$(( start + 300 ))
fault=0
restore_at=0
while [ "$(date +%s)" -lt "$end" ]; do
    if ! kill -0 "$gateway_pid" 2>/dev/null; then
        echo "the gateway exited during the soak; see $site/console.log" >&2
        exit 1
    fi
    now=$(date +%s)
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$gateway_pid/status")
    threads=$(awk '/^Threads/ {print $2}' "/proc/$gateway_pid/status")
    handles=$(ls "/proc/$gateway_pid/fd" | wc -l)
    outbox=$(bytes "$site/data" --exclude=logs)
    logs=$(bytes "$site/data/logs")
    gc=$(gc_kib)
    echo "$(( now - start )),$rss,$handles,$threads,$outbox,$logs,$gc" >> "$out/samples.csv"
    if [ -z "$full_at" ] && grep -q "dropped the" "$site/console.log" 2>/dev/null; then
        full_at=$(( now - start ))
        echo "$full_at s: outbox reached its budget of $outbox_mb MiB (first drop)" >> "$out/faults.log"
    fi

    if [ "$restore_at" -gt 0 ] && [ "$now" -ge "$restore_at" ]; then
        rm -f "$silence"
        kill -0 "$district_pid" 2>/dev/null || start_district
        echo "$(( now - start )) s: fault over" >> "$out/faults.log"
        restore_at=0
    elif [ "$restore_at" -eq 0 ] && [ "$now" -ge "$fault_at" ]; then
        case $(( fault % 3 )) in
            0) kill -9 "$district_pid"; restore_at=$(( now + 60 )); echo "$(( now - start )) s: district broker killed for 60 s" >> "$out/faults.log" ;;
            1) touch "$silence"; restore_at=$(( now + 120 )); echo "$(( now - start )) s: boards and gates silent for 120 s" >> "$out/faults.log" ;;
            2) kill -TERM "$district_pid"; restore_at=$(( now + 30 )); echo "$(( now - start )) s: district broker stopped for 30 s" >> "$out/faults.log" ;;
        esac
        fault=$(( fault + 1 ))
        fault_at=$(( now + 300 ))
    fi
    sleep "$sample"
done

# --- growth -----------------------------------------------------------------------------------------------------
# Steady state: from the first sample after the outbox's first drop, and not before the warm-up minutes.
steady_from=$(( warmup_minutes * 60 ))
if [ -n "$full_at" ] && [ "$full_at" -gt "$steady_from" ]; then
    steady_from=$full_at
fi
[ -z "$full_at" ] && echo "note: the outbox never reached its budget; the steady state starts after the warm-up only" | tee "$out/summary.txt"
awk -F, -v from="$steady_from" 'NR > 1 { n++; t[n] = $1; for (c = 2; c <= 8; c++) v[c, n] = $c; if (!s && $1 >= from) s = n }
function growth(label, first_a, first_b, last_a, last_b,    c, m, l, mc, lc, i) {
    for (c = 2; c <= 8; c++) {
        m = 0; l = 0; mc = 0; lc = 0
        for (i = first_a; i <= first_b; i++) { m += v[c, i]; mc++ }
        for (i = last_a; i <= last_b; i++) { l += v[c, i]; lc++ }
        m = (mc ? m / mc : 0); l = (lc ? l / lc : 0)
        printf "%s %s: first mean %.0f, last mean %.0f, change %+.1f %%\n", label, name[c - 1], m, l, (m > 0 ? 100 * (l - m) / m : 0)
    }
}
END {
    split("rss_kib handles threads outbox_bytes log_bytes gc_heap_kib gc_committed_kib", name, " ")
    if (s) {
        k = int((n - s + 1) / 3)
        printf "steady state from %d s: %d samples; growth of its last third against its first third\n", t[s], n - s + 1
        if (k > 0) growth("steady", s, s + k - 1, n - k + 1, n)
    }
    printf "whole run: growth of the last third against the middle third (includes the warm-up)\n"
    growth("whole", int(n / 3) + 1, int(2 * n / 3), int(2 * n / 3) + 1, n)
    printf "samples: %d over %d s\n", n, t[n]
}' "$out/samples.csv" | tee -a "$out/summary.txt"
[ -f "$out/faults.log" ] && cat "$out/faults.log"

if command -v gnuplot >/dev/null 2>&1; then
    gnuplot <<PLOT
set terminal pngcairo size 1000,600 noenhanced
set output "$out/soak.png"
set datafile separator ","
set key center right
set xlabel "elapsed (s)"
set ylabel "RSS (MiB)"
set y2label "handles, threads"
if ($steady_from > 0) set arrow from $steady_from, graph 0 to $steady_from, graph 1 nohead dt 2
if ($steady_from > 0) set label "steady state" at $steady_from, graph 0.95 offset 1,0
set y2tics
set title "smartcampus-edge soak: $devices devices, $points points, $boards boards, $gates gates, $minutes min"
plot "$out/samples.csv" every ::1 using 1:(\$2/1024) with lines lw 2 title "RSS (MiB)", \
     "" every ::1 using 1:(\$7/1024) with lines title "GC heap after last GC (MiB)", \
     "" every ::1 using 1:(\$8/1024) with lines title "GC committed (MiB)", \
     "" every ::1 using 1:3 axes x1y2 with lines title "handles", \
     "" every ::1 using 1:4 axes x1y2 with lines title "threads"
PLOT
    echo "plot: $out/soak.png"
fi
