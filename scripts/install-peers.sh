#!/usr/bin/env bash
# Installs every peer the differential suites compare against, on Debian 12 (as root):
#   Debian packages   acpica-tools (iasl, acpiexec), qemu-system-x86 (QEMU 7.2),
#                     qemu-efi-aarch64 (UEFI for arm64 guests) and the RFC QEMU's libraries
#   unpacked beside   QEMU 10.0 (qemu-system-x86 from bookworm-backports, with its firmware),
#   them, in          Linux 6.1 and 6.12 for amd64, Linux 6.12 for arm64 (the cloud
#   /opt/cpuhp-peers
#                     flavour), busybox-static for both, and the arm64 vCPU hot-plug RFC
#                     V5 QEMU copied from ../shared/peers/bin
# Nothing from backports or arm64 is installed on the host: those packages are fetched
# with `apt-get download` and unpacked with `dpkg-deb -x`, so QEMU 7.2 stays the
# system's QEMU. The folder belongs to the machine, like the packages, so that every
# clone of the project finds the peers. Re-running is cheap: a complete peer is kept.
#
# usage: scripts/install-peers.sh [--peers DIR]   (default: $CPUHP_PEERS, else /opt/cpuhp-peers)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${CPUHP_PEERS:-/opt/cpuhp-peers}
while [ $# -gt 0 ]; do
  case $1 in
    --peers) PEERS=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "install-peers: unknown option $1" >&2; exit 2 ;;
  esac
done
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$PEERS"
PEERS=$(cd "$PEERS" && pwd)

have_pkgs() { dpkg-query -W -f '${Status}\n' "$@" 2>/dev/null | grep -c 'install ok installed' | grep -qx "$#"; }

# --- package sources: bookworm-backports and the arm64 architecture ---------------
updated=0
apt_update() { [ $updated = 1 ] || { apt-get update -qq; updated=1; }; }
if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "${uri:-http://deb.debian.org/debian}" > /etc/apt/sources.list.d/cpuhp-backports.sources
  updated=0
fi
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  updated=0
fi
if ! apt-cache policy 2>/dev/null | grep -q 'bookworm-backports/main amd64' \
   || ! apt-cache policy 2>/dev/null | grep -q 'bookworm/main arm64'; then
  apt_update
fi

# --- installed packages -------------------------------------------------------------
HOST_PKGS=(acpica-tools qemu-system-x86 qemu-efi-aarch64 libfdt1 libglib2.0-0 zlib1g libpcre2-8-0 cpio chromium)
if ! have_pkgs "${HOST_PKGS[@]}"; then
  apt_update
  apt-get install -y -qq --no-install-recommends "${HOST_PKGS[@]}" >/dev/null
fi

# --- unpacked packages --------------------------------------------------------------
# fetch DEST PKG...: downloads the packages and unpacks them all into DEST/root.
fetch() {
  local dest=$1; shift
  rm -rf "$dest.tmp"
  mkdir -p "$dest.tmp/deb"
  ( cd "$dest.tmp/deb" && apt-get download -q -o APT::Sandbox::User=root "$@" >/dev/null )
  for d in "$dest.tmp"/deb/*.deb; do dpkg-deb -x "$d" "$dest.tmp/root"; done
  for d in "$dest.tmp"/deb/*.deb; do echo "$(dpkg-deb -f "$d" Package) $(dpkg-deb -f "$d" Version)"; done > "$dest.tmp/packages.txt"
  rm -rf "$dest.tmp/deb" "$dest"
  mv "$dest.tmp" "$dest"
}
# kernel_of META SUITE ARCH: the linux-image package a meta package points at.
kernel_of() {
  apt-cache depends "$1:$3/$2" 2>/dev/null | awk '/Depends: linux-image-/{sub(/:.*/, "", $2); print $2; exit}'
}

# QEMU 10.0 with the firmware folder it needs for -L (its own data plus seabios 1.16.3).
if [ ! -x "$PEERS/qemu-10.0/bin/qemu-system-x86_64" ]; then
  apt_update
  fetch "$PEERS/qemu-10.0" qemu-system-x86/bookworm-backports qemu-system-data/bookworm-backports \
    qemu-system-common/bookworm-backports seabios/bookworm-backports
  q=$PEERS/qemu-10.0
  mkdir -p "$q/bin" "$q/firmware"
  ln -sf ../root/usr/bin/qemu-system-x86_64 "$q/bin/qemu-system-x86_64"
  # Debian splits the firmware over qemu-system-data and seabios; -L takes one folder.
  for f in "$q"/root/usr/share/qemu/* "$q"/root/usr/share/seabios/*; do
    ln -sf "$f" "$q/firmware/$(basename "$f")"
  done
  "$q/bin/qemu-system-x86_64" --version | head -1
fi

# Linux guests: the cloud kernels have ACPI CPU hot-plug, the initrd table upgrade and a
# serial console built in (checked below), and busybox-static gives them a userland.
kernel() {  # kernel DIR META SUITE ARCH
  local dir=$1 pkg
  [ -f "$PEERS/$dir/vmlinuz" ] && [ -f "$PEERS/$dir/busybox" ] && return 0
  apt_update
  pkg=$(kernel_of "$2" "$3" "$4")
  [ -n "$pkg" ] || { echo "install-peers: cannot resolve $2 in $3 for $4" >&2; exit 1; }
  fetch "$PEERS/$dir" "$pkg:$4/$3" "busybox-static:$4/bookworm"
  local d=$PEERS/$dir
  cp "$d"/root/boot/vmlinuz-* "$d/vmlinuz"
  cp "$d"/root/boot/config-* "$d/config"
  cp "$d/root/bin/busybox" "$d/busybox"
  for opt in HOTPLUG_CPU ACPI_HOTPLUG_CPU ACPI_PROCESSOR ACPI_TABLE_UPGRADE BLK_DEV_INITRD RD_GZIP DEVTMPFS; do
    grep -q "^CONFIG_$opt=y" "$d/config" || { echo "install-peers: $pkg lacks CONFIG_$opt=y" >&2; exit 1; }
  done
  rm -rf "$d/root"
  echo "$dir: $(head -1 "$d/packages.txt")"
}
kernel linux-6.1-amd64 linux-image-cloud-amd64 bookworm amd64
kernel linux-6.12-amd64 linux-image-cloud-amd64 bookworm-backports amd64
kernel linux-6.12-arm64 linux-image-cloud-arm64 bookworm-backports arm64

# The arm64 vCPU hot-plug RFC V5 QEMU is built for these machines and shipped beside
# the project, not packaged: copy it in so that the suites find every peer in one place.
if [ ! -x "$PEERS/qemu-rfc-v5/qemu-system-aarch64" ]; then
  for src in "${CPUHP_RFC_QEMU:-}" "$ROOT/../shared/peers/bin/qemu-system-aarch64-rfc-v5" \
             /work/shared/peers/bin/qemu-system-aarch64-rfc-v5; do
    if [ -n "$src" ] && [ -x "$src" ]; then
      mkdir -p "$PEERS/qemu-rfc-v5"
      cp "$src" "$PEERS/qemu-rfc-v5/qemu-system-aarch64"
      break
    fi
  done
fi
[ -x "$PEERS/qemu-rfc-v5/qemu-system-aarch64" ] || echo "install-peers: the RFC V5 QEMU was not found (set CPUHP_RFC_QEMU)" >&2
echo "install-peers: peers in $PEERS"
