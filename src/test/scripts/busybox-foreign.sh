#!/usr/bin/env bash
# Prints the path of a static /init for test guests of another architecture, made on first use in
# the cache ($2, default ~/.cache/kvmboot-test). Usage: busybox-foreign.sh <arm64|riscv64> [cache].
# arm64: Debian's busybox-static:arm64, extracted to busybox/arm64/busybox (needs the arm64 foreign
# architecture: dpkg --add-architecture arm64 && apt-get update; apt-get works as non-root).
# riscv64: Debian 12 has no riscv64 packages (not a bookworm architecture), and building busybox
# is too slow, so src/test/guest/tiny-init.c is compiled statically with riscv64-linux-gnu-gcc
# (gcc-riscv64-linux-gnu, libc6-dev-riscv64-cross) to busybox/riscv64/init, rebuilt when the source
# changes. It prints "kvmboot-riscv64-init: up" and /proc/version, writes "status 3" into the
# virtio-serial port named kvmboot.status and powers off. Nothing is written inside the clone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
arch=${1:?usage: busybox-foreign.sh <arm64|riscv64> [cache]}
cache=${2:-${KVMBOOT_TEST_CACHE:-$HOME/.cache/kvmboot-test}}
dir="$cache/busybox/$arch"
mkdir -p "$dir"
case "$arch" in
  riscv64)
    src="$here/../guest/tiny-init.c"
    sum=$(sha256sum <"$src" | cut -c1-16)
    if [ -x "$dir/init" ] && [ "$(cat "$dir/init.source" 2>/dev/null)" = "$sum" ]; then
      echo "$dir/init"
      exit 0
    fi
    if ! command -v riscv64-linux-gnu-gcc >/dev/null; then
      echo "busybox-foreign.sh: riscv64-linux-gnu-gcc not found" \
        "(apt-get install gcc-riscv64-linux-gnu libc6-dev-riscv64-cross)" >&2
      exit 1
    fi
    riscv64-linux-gnu-gcc -static -Os -s -Wall -o "$dir/init.tmp.$$" "$src" >&2
    mv "$dir/init.tmp.$$" "$dir/init"
    echo "$sum" >"$dir/init.source"
    echo "$dir/init"
    ;;
  *)
    if [ -x "$dir/busybox" ]; then
      echo "$dir/busybox"
      exit 0
    fi
    if [ -z "$(apt-cache policy "busybox-static:$arch" 2>/dev/null | awk '/Candidate:/{print $2}' | grep -v '(none)')" ]; then
      echo "busybox-foreign.sh: apt-cache knows no busybox-static:$arch; run" \
        "'dpkg --add-architecture $arch && apt-get update' first" >&2
      exit 1
    fi
    work=$(mktemp -d "$cache/download.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && apt-get download -q "busybox-static:$arch" >&2)
    dpkg-deb -x "$work"/busybox-static_*_"$arch".deb "$work/x"
    mv "$work/x/bin/busybox" "$dir/busybox"
    echo "$dir/busybox"
    ;;
esac
