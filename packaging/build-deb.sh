#!/usr/bin/env bash
# Builds artifacts/deb/smartcampus-edge_<version>_<arch>.deb from the single-file executable that
# packaging/publish.sh wrote to artifacts/publish/<rid>/. Usage: packaging/build-deb.sh [RID ...]
# (default: linux-x64 linux-arm64). Set VERSION to override the version in Directory.Build.props, PUBLISH_ROOT to
# read the executables from another folder than artifacts/publish, DEB_OUTPUT to write elsewhere than artifacts/deb,
# DEB_COMPRESSION to gzip for a faster build of a larger file (default xz).
# Needs dpkg-deb (Debian package dpkg) only; no root: files are owned by root inside the package.
set -euo pipefail

cd "$(dirname "$0")/.."

version=${VERSION:-$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)}
if [ -z "$version" ]; then
    echo "No <Version> in Directory.Build.props; set VERSION." >&2
    exit 2
fi

rids=("$@")
if [ "${#rids[@]}" -eq 0 ]; then
    rids=(linux-x64 linux-arm64)
fi

for rid in "${rids[@]}"; do
    case "$rid" in
        linux-x64) arch=amd64 ;;
        linux-arm64) arch=arm64 ;;
        *) echo "Unsupported runtime identifier '$rid'; use linux-x64 or linux-arm64." >&2; exit 2 ;;
    esac

    binary="${PUBLISH_ROOT:-artifacts/publish}/$rid/smartcampus-edge"
    if [ ! -x "$binary" ]; then
        echo "$binary is missing; run packaging/publish.sh $rid first." >&2
        exit 2
    fi

    output_dir=${DEB_OUTPUT:-artifacts/deb}
    stage="$output_dir/stage-$arch"
    rm -rf "$stage"
    install -d "$stage/DEBIAN" "$stage/opt/smartcampus-edge/demo" "$stage/opt/smartcampus-edge/profiles" "$stage/usr/bin" \
        "$stage/lib/systemd/system" "$stage/lib/udev/rules.d" "$stage/etc/udev/rules.d" \
        "$stage/etc/smartcampus-edge" "$stage/usr/share/doc/smartcampus-edge"

    install -m 0755 "$binary" "$stage/opt/smartcampus-edge/smartcampus-edge"
    install -m 0644 hardware/demo/campus.yaml "$stage/opt/smartcampus-edge/demo/campus.yaml"
    # campus.yaml's profile key looks in profiles/ next to the program; the demo campus uses one of them.
    install -m 0644 hardware/profiles/*.yaml "$stage/opt/smartcampus-edge/profiles/"
    ln -s /opt/smartcampus-edge/smartcampus-edge "$stage/usr/bin/smartcampus-edge"
    install -m 0644 hardware/systemd/smartcampus-edge.service "$stage/lib/systemd/system/"
    install -m 0644 hardware/udev/60-smartcampus-rs485.rules "$stage/lib/udev/rules.d/"
    install -m 0644 hardware/udev/61-smartcampus-rs485-names.rules "$stage/etc/udev/rules.d/"

    # The starting configuration is the demo campus with the data folder the unit allows writing to. postinst
    # makes it readable by the service user only, because a real one holds passwords.
    sed 's|^\(  dataDirectory:\) *\./data *\(#.*\)\?$|\1 /var/lib/smartcampus-edge  # outbox, rule state and file logs|' \
        hardware/demo/campus.yaml > "$stage/etc/smartcampus-edge/campus.yaml"
    if ! grep -q '^  dataDirectory: /var/lib/smartcampus-edge' "$stage/etc/smartcampus-edge/campus.yaml"; then
        echo "Could not set dataDirectory in the packaged campus.yaml; check hardware/demo/campus.yaml." >&2
        exit 1
    fi
    chmod 0640 "$stage/etc/smartcampus-edge/campus.yaml"

    for doc in docs/installation.md docs/installation.zh-CN.md docs/configuration.md docs/configuration.zh-CN.md; do
        if [ -f "$doc" ]; then
            install -m 0644 "$doc" "$stage/usr/share/doc/smartcampus-edge/"
        fi
    done

    installed_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
    sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kb/" \
        packaging/deb/control.in > "$stage/DEBIAN/control"
    install -m 0644 packaging/deb/conffiles "$stage/DEBIAN/conffiles"
    install -m 0755 packaging/deb/postinst packaging/deb/prerm packaging/deb/postrm "$stage/DEBIAN/"

    output="$output_dir/smartcampus-edge_${version}_${arch}.deb"
    dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-xz}" --build "$stage" "$output" >/dev/null
    rm -rf "$stage"
    echo "$output"
done
