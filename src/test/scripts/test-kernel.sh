#!/usr/bin/env bash
# Prints the path of the Debian cloud test kernel (vmlinuz), downloading it on first use into
# the cache directory ($1, default ~/.cache/kvmboot-test). Its modules are kept beside it in
# kernel/lib/modules/<release> (virtio, ata_piix, ... are modules in this kernel). Needs apt-get
# (works as non-root) and dpkg-deb. Nothing is written inside the clone.
set -euo pipefail
cache=${1:-${KVMBOOT_TEST_CACHE:-$HOME/.cache/kvmboot-test}}
mkdir -p "$cache"
cached=$(ls -1 "$cache"/kernel/boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$cached" ] && [ -d "$cache/kernel/lib/modules" ]; then
  echo "$cached"
  exit 0
fi
pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
if [ -z "$pkg" ]; then
  echo "test-kernel.sh: apt-cache knows no linux-image-cloud-amd64; run 'apt-get update' first" >&2
  exit 1
fi
work=$(mktemp -d "$cache/download.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q "$pkg" >&2)
dpkg-deb -x "$work"/"$pkg"_*.deb "$work/x"
rm -rf "$cache/kernel"
mkdir -p "$cache/kernel"
mv "$work/x/boot" "$cache/kernel/boot"
mkdir -p "$cache/kernel/lib"
mv "$work/x/lib/modules" "$cache/kernel/lib/modules"
ls -1 "$cache"/kernel/boot/vmlinuz-* | sort -V | tail -n 1
