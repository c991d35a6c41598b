#!/usr/bin/env bash
# Builds a small arm64 or riscv64 kernel from Debian's linux-source-6.1 with the cross compilers
# and prints the path of its uncompressed Image (what `-kernel` of qemu-system-aarch64 /
# qemu-system-riscv64 -M virt boots directly). Usage: build-cross-test-kernel.sh <arm64|riscv64>
# [cache] [fragment ...]. tinyconfig plus the fragments (merged in that order, default
# kvmboot's own QEMU fragment, src/main/resources/io/github/kvmboot/build/qemu-<arch>.config), built once per architecture and fragment content into
# the cache ($2, default ~/.cache/kvmboot-test) as kernel-build/<arch>-<hash>/Image; the build
# directory (vmlinux, .config) stays beside it. Shares build-test-kernel.sh's lock, so only one
# kernel build runs at a time. Needs make flex bison bc libelf-dev and gcc-aarch64-linux-gnu or
# gcc-riscv64-linux-gnu; ~5-10 min on 2 cores the first time, then instant.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
arch=${1:?usage: build-cross-test-kernel.sh <arm64|riscv64> [cache] [fragment ...]}
case "$arch" in
  arm64) karch=arm64 cross=aarch64-linux-gnu- ;;
  riscv64) karch=riscv cross=riscv64-linux-gnu- ;;
  *) echo "build-cross-test-kernel.sh: unknown architecture $arch (arm64 or riscv64)" >&2; exit 2 ;;
esac
shift
cache=${1:-${KVMBOOT_TEST_CACHE:-$HOME/.cache/kvmboot-test}}
shift || true
[ $# -gt 0 ] || set -- "$here/../../main/resources/io/github/kvmboot/build/qemu-$arch.config"
fragments=()
for f in "$@"; do fragments+=("$(realpath "$f")"); done
if ! command -v "${cross}gcc" >/dev/null; then
  echo "build-cross-test-kernel.sh: ${cross}gcc not found (apt-get install gcc-${cross%-})" >&2
  exit 1
fi
hash=$(cat "${fragments[@]}" | sha256sum | cut -c1-16)
out="$cache/kernel-build/$arch-$hash"
if [ -f "$out/Image" ]; then
  echo "$out/Image"
  exit 0
fi
mkdir -p "$cache"
exec 9>"$cache/.build-test-kernel.lock"
flock 9
[ -f "$out/Image" ] && { echo "$out/Image"; exit 0; }

src=$(bash "$here/linux-source.sh" "$cache")

build="$out/build"
mkdir -p "$build"
kmake=(make -s -C "$src" O="$build" ARCH="$karch" CROSS_COMPILE="$cross")
"${kmake[@]}" tinyconfig >&2
ARCH="$karch" CROSS_COMPILE="$cross" \
  "$src"/scripts/kconfig/merge_config.sh -m -O "$build" "$build/.config" "${fragments[@]}" >&2
"${kmake[@]}" olddefconfig >&2
missing=$(cat "${fragments[@]}" | grep -E '^CONFIG_[A-Z0-9_]+=[ym]' | while read -r line; do
  grep -qx "$line" "$build/.config" || echo "${line%%=*}"; done)
if [ -n "$missing" ]; then
  echo "build-cross-test-kernel.sh: options of ${fragments[*]} did not survive olddefconfig: $missing" >&2
  exit 1
fi
"${kmake[@]}" -j"$(nproc)" Image >&2
if grep -qx 'CONFIG_MODULES=y' "$build/.config"; then
  "${kmake[@]}" -j"$(nproc)" modules >&2
fi
cp "$build/arch/$karch/boot/Image" "$out/Image.tmp"
mv "$out/Image.tmp" "$out/Image"
echo "$out/Image"
