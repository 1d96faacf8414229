#!/usr/bin/env bash
# Installs the gateway on a Debian box without the .deb (for example a distribution without dpkg tools, or a
# test box): the same files, user, folders and unit as the package. Run as root from a copy of the repository
# or of the release folder:
#   sudo packaging/install.sh [--binary PATH]
# PATH defaults to artifacts/publish/<rid>/smartcampus-edge for this machine's architecture.
# An existing /etc/smartcampus-edge/campus.yaml and rs485 names file are kept.
set -euo pipefail

cd "$(dirname "$0")/.."

case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64|arm64) rid=linux-arm64 ;;
    *) echo "Unsupported machine $(uname -m); the gateway is published for x86_64 and aarch64." >&2; exit 2 ;;
esac

binary="artifacts/publish/$rid/smartcampus-edge"
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        *) echo "Unknown argument '$1'. Usage: install.sh [--binary PATH]" >&2; exit 2 ;;
    esac
done

if [ "$(id -u)" -ne 0 ]; then
    echo "Run as root (sudo), because it creates a system user and writes to /opt, /etc and /lib." >&2
    exit 2
fi

if [ ! -x "$binary" ]; then
    echo "$binary is missing or not executable; run packaging/publish.sh $rid or pass --binary." >&2
    exit 2
fi

user=smartcampus
data=/var/lib/smartcampus-edge
config=/etc/smartcampus-edge

for group in gpio dialout; do
    getent group "$group" >/dev/null || groupadd --system "$group"
done
if ! getent passwd "$user" >/dev/null; then
    useradd --system --user-group --home-dir "$data" --no-create-home --shell /usr/sbin/nologin \
        --comment "SmartCampus.Edge gateway" "$user"
fi
usermod --append --groups gpio,dialout "$user"

install -d -m 0755 /opt/smartcampus-edge /opt/smartcampus-edge/demo /opt/smartcampus-edge/profiles
install -m 0755 "$binary" /opt/smartcampus-edge/smartcampus-edge
install -m 0644 hardware/demo/campus.yaml /opt/smartcampus-edge/demo/campus.yaml
# campus.yaml's profile key looks in profiles/ next to the program; the demo campus uses one of them.
install -m 0644 hardware/profiles/*.yaml /opt/smartcampus-edge/profiles/
ln -sf /opt/smartcampus-edge/smartcampus-edge /usr/local/bin/smartcampus-edge

install -d -o "$user" -g "$user" -m 0750 "$data"
install -d -o root -g "$user" -m 0750 "$config"
if [ ! -f "$config/campus.yaml" ]; then
    sed 's|^\(  dataDirectory:\) *\./data *\(#.*\)\?$|\1 /var/lib/smartcampus-edge  # outbox, rule state and file logs|' \
        hardware/demo/campus.yaml > "$config/campus.yaml"
fi
chown root:"$user" "$config/campus.yaml"
chmod 0640 "$config/campus.yaml"

install -m 0644 hardware/systemd/smartcampus-edge.service /etc/systemd/system/smartcampus-edge.service
install -m 0644 hardware/udev/60-smartcampus-rs485.rules /etc/udev/rules.d/60-smartcampus-rs485.rules
if [ ! -f /etc/udev/rules.d/61-smartcampus-rs485-names.rules ]; then
    install -m 0644 hardware/udev/61-smartcampus-rs485-names.rules /etc/udev/rules.d/
fi

if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
    udevadm trigger --subsystem-match=tty --action=add || true
fi

systemctl daemon-reload
systemctl enable smartcampus-edge.service
echo "Installed. Edit $config/campus.yaml, check it with"
echo "  smartcampus-edge check $config/campus.yaml"
echo "then start the gateway with: systemctl start smartcampus-edge"
