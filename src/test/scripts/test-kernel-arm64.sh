#!/usr/bin/env bash
# Prints the path of the Debian arm64 cloud test kernel (vmlinuz), downloading it on first use into
# the cache directory ($1, default ~/.cache/kvmboot-test) as kernel-arm64/boot/vmlinuz-<release>.
# Its modules are kept beside it in kernel-arm64/lib/modules/<release> (no modules.dep): all of
# virtio is modular in this kernel; a virtio-serial port on virtio-serial-pci needs, in this order,
# virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_console
# (virtio-net adds failover net_failover virtio_net); it has no 9p and no pvpanic. Debian 12's arm64
# vmlinuz is an uncompressed Image (EFI stub: "MZ" at 0, "ARM\x64" at 56), not gzip'd, and
# qemu-system-aarch64 -M virt -kernel boots it as it is (QEMU would gunzip a gzip'd Image too), so
# no second copy is written. Needs the arm64 foreign architecture (dpkg --add-architecture arm64
# && apt-get update), apt-get (works as non-root) and dpkg-deb. Nothing is written inside the clone.
set -euo pipefail
cache=${1:-${KVMBOOT_TEST_CACHE:-$HOME/.cache/kvmboot-test}}
mkdir -p "$cache"
cached=$(ls -1 "$cache"/kernel-arm64/boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$cached" ] && [ -d "$cache/kernel-arm64/lib/modules" ]; then
  echo "$cached"
  exit 0
fi
pkg=$(apt-cache depends linux-image-cloud-arm64:arm64 2>/dev/null \
  | awk '/Depends: linux-image-[0-9]/{sub(/:arm64$/, "", $2); print $2; exit}')
if [ -z "$pkg" ]; then
  echo "test-kernel-arm64.sh: apt-cache knows no linux-image-cloud-arm64:arm64; run" \
    "'dpkg --add-architecture arm64 && apt-get update' first" >&2
  exit 1
fi
work=$(mktemp -d "$cache/download.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q "$pkg:arm64" >&2)
dpkg-deb -x "$work"/"$pkg"_*_arm64.deb "$work/x"
rm -rf "$cache/kernel-arm64"
mkdir -p "$cache/kernel-arm64"
mv "$work/x/boot" "$cache/kernel-arm64/boot"
mkdir -p "$cache/kernel-arm64/lib"
mv "$work/x/lib/modules" "$cache/kernel-arm64/lib/modules"
ls -1 "$cache"/kernel-arm64/boot/vmlinuz-* | sort -V | tail -n 1
