#!/usr/bin/env bash
# Publishes the gateway as one self-contained executable per runtime identifier, so that the box needs no .NET
# runtime installed. Usage: packaging/publish.sh [RID ...]   (default: linux-x64 linux-arm64)
# Output: artifacts/publish/<rid>/smartcampus-edge plus the demo/ folder next to it; PUBLISH_ROOT moves
# artifacts/publish elsewhere.
set -euo pipefail

cd "$(dirname "$0")/.."

rids=("$@")
if [ "${#rids[@]}" -eq 0 ]; then
    rids=(linux-x64 linux-arm64)
fi

for rid in "${rids[@]}"; do
    case "$rid" in
        linux-x64|linux-arm64) ;;
        *) echo "Unsupported runtime identifier '$rid'; use linux-x64 or linux-arm64." >&2; exit 2 ;;
    esac

    out="${PUBLISH_ROOT:-artifacts/publish}/$rid"
    rm -rf "$out"
    echo "Publishing $rid to $out"
    dotnet publish src/Gateway/Gateway.csproj \
        --configuration Release \
        --runtime "$rid" \
        --self-contained true \
        -p:PublishSingleFile=true \
        -p:DebugType=embedded \
        --output "$out" \
        --nologo
done
