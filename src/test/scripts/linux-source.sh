#!/usr/bin/env bash
# Prints the path of an unpacked Debian linux-source-6.1 tree, downloading and unpacking it once
# into the cache ($1, default ~/.cache/kvmboot-test/linux-source-6.1). Never build inside it: use
# O= or a copy (cp -al). Needs apt-get (works as non-root), dpkg-deb, xz-utils; ~140 MB download,
# 1.5 GB unpacked.
set -euo pipefail
cache=${1:-${KVMBOOT_TEST_CACHE:-$HOME/.cache/kvmboot-test}}
src="$cache/linux-source-6.1"
if [ -f "$src/Makefile" ]; then
  echo "$src"
  exit 0
fi
mkdir -p "$cache"
exec 9>"$cache/.linux-source.lock"
flock 9
[ -f "$src/Makefile" ] && { echo "$src"; exit 0; }
work=$(mktemp -d "$cache/source.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q linux-source-6.1 >&2)
dpkg-deb --fsys-tarfile "$work"/linux-source-6.1_*.deb | tar -x -C "$work" ./usr/src/
tar -xaf "$work"/usr/src/linux-source-6.1.tar.xz -C "$work"
rm -rf "$src"
mv "$work/linux-source-6.1" "$src"
echo "$src"
