#!/usr/bin/env bash
# Builds a small x86_64 kernel from Debian's linux-source-6.1 for the tests that need drivers the
# Debian cloud kernel lacks (9p, e1000) or KUnit, and prints the bzImage path. tinyconfig plus
# the fragments ($2 $3 ..., merged in that order, default src/test/kernel/kvmboot-test.config), built
# once per fragment content into the cache ($1, default ~/.cache/kvmboot-test). The build directory
# (vmlinux, .config, scripts/gdb) stays beside the bzImage. With CONFIG_MODULES=y the modules are built
# too, so the build directory is a tree `make modules_install` works in. Needs gcc make flex bison bc
# libelf-dev xz-utils (see .ci/run); ~3-5 min on 2 cores the first time, then instant.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-${KVMBOOT_TEST_CACHE:-$HOME/.cache/kvmboot-test}}
shift || true
[ $# -gt 0 ] || set -- "$here/../kernel/kvmboot-test.config"
fragments=()
for f in "$@"; do fragments+=("$(realpath "$f")"); done
# one fragment hashes as before (sha256 of its content), so existing caches stay valid
hash=$(cat "${fragments[@]}" | sha256sum | cut -c1-16)
out="$cache/kernel-build/$hash"
if [ -f "$out/bzImage" ]; then
  echo "$out/bzImage"
  exit 0
fi
mkdir -p "$cache"
exec 9>"$cache/.build-test-kernel.lock"
flock 9
[ -f "$out/bzImage" ] && { echo "$out/bzImage"; exit 0; }

src=$(bash "$here/linux-source.sh" "$cache")

build="$out/build"
mkdir -p "$build"
make -s -C "$src" O="$build" tinyconfig >&2
"$src"/scripts/kconfig/merge_config.sh -m -O "$build" "$build/.config" "${fragments[@]}" >&2
make -s -C "$src" O="$build" olddefconfig >&2
missing=$(cat "${fragments[@]}" | grep -E '^CONFIG_[A-Z0-9_]+=[ym]' | while read -r line; do
  grep -qx "$line" "$build/.config" || echo "${line%%=*}"; done)
if [ -n "$missing" ]; then
  echo "build-test-kernel.sh: options of ${fragments[*]} did not survive olddefconfig: $missing" >&2
  exit 1
fi
targets=(bzImage)
grep -qx 'CONFIG_GDB_SCRIPTS=y' "$build/.config" && targets+=(scripts_gdb)
make -s -C "$src" O="$build" -j"$(nproc)" "${targets[@]}" >&2
if grep -qx 'CONFIG_MODULES=y' "$build/.config"; then
  make -s -C "$src" O="$build" -j"$(nproc)" modules >&2
fi
cp "$build/arch/x86/boot/bzImage" "$out/bzImage.tmp"
mv "$out/bzImage.tmp" "$out/bzImage"
echo "$out/bzImage"
