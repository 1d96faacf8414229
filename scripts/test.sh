#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs the real peers the tests talk to
# (Mosquitto, pymodbus, socat, Chromium) when they are missing, then runs `dotnet test` on the solution.
# Every argument is passed on to `dotnet test` (for example --filter).
set -euo pipefail

cd "$(dirname "$0")/.."

missing=()
[ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
command -v mosquitto_sub >/dev/null 2>&1 || missing+=(mosquitto-clients)
command -v socat >/dev/null 2>&1 || missing+=(socat)
/usr/bin/python3 -c 'import pymodbus' >/dev/null 2>&1 || missing+=(python3-pymodbus)
# pymodbus's serial server, the RTU peer on the socat pty pairs, needs pyserial-asyncio, which Debian only recommends.
/usr/bin/python3 -c 'import serial_asyncio' >/dev/null 2>&1 || missing+=(python3-serial-asyncio)
# The console's browser tests drive Debian's Chromium through Playwright; no browser is downloaded.
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The packaging tests build the .deb and check the systemd unit.
command -v dpkg-deb >/dev/null 2>&1 || missing+=(dpkg)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
# The udev rules for RS485 adapters are run by the real udev (udevadm test) in a mount namespace.
[ -x /usr/bin/udevadm ] || missing+=(udev)
# The reliability tests put the district link in a network namespace of their own and shape it with tc.
command -v ip >/dev/null 2>&1 && command -v tc >/dev/null 2>&1 || missing+=(iproute2)
# Loss on that link comes from nftables, because the kernels here have no netem qdisc.
command -v nft >/dev/null 2>&1 || missing+=(nftables)
# The uplink's zstd batches are decoded by the reference zstd command.
[ -x /usr/bin/zstd ] || missing+=(zstd)

if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing test prerequisites: ${missing[*]}"
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo_cmd=(sudo)
    fi
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian starts a system-wide Mosquitto on port 1883 where systemd runs; the tests start their own
# brokers on free loopback ports and do not need it, so it is left alone.

exec dotnet test SmartCampus.Edge.sln --configuration Release "$@"
