#!/usr/bin/env bash
# Run inside a guest (for example the one kvmboot boots from -Dkvmboot.target with its development
# disk): install the linux-next kernel built in the current tree, then keep /boot small by removing
# older linux-next kernels. The distribution's kernels are never touched, nor the running kernel.
#
#   install-next-kernel.sh [--install] [--keep N] [--boot-dir DIR] [--modules-dir DIR] [--dry-run]
#
#   --install          first run `make modules_install install` in the current directory
#                      (a built linux-next tree; needs root)
#   --keep N           linux-next kernels to keep, newest first (default 2)
#   --boot-dir DIR     where the kernels are (default /boot)
#   --modules-dir DIR  where their modules are (default /lib/modules)
#   --running REL      the release never removed (default: the running kernel, uname -r)
#   --dry-run          only print what would be removed
#
# A linux-next kernel is a release containing "-next-" (6.8.0-rc1-next-20240125); newest means
# the latest next-YYYYMMDD tag, then the highest version. Per release it removes vmlinuz-,
# initrd.img-, initrd-, System.map- and config-<release>, initramfs-<release>.img and
# <modules-dir>/<release>.
set -eu

boot_dir=/boot
modules_dir=/lib/modules
keep=2
dry_run=false
install=false
running=$(uname -r)

usage() {
  sed -n '6,14p' "$0" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case $1 in
    --boot-dir) [ $# -ge 2 ] || usage; boot_dir=$2; shift 2 ;;
    --modules-dir) [ $# -ge 2 ] || usage; modules_dir=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || usage; keep=$2; shift 2 ;;
    --running) [ $# -ge 2 ] || usage; running=$2; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --install) install=true; shift ;;
    -h|--help) usage ;;
    *) echo "install-next-kernel.sh: unknown option '$1'" >&2; usage ;;
  esac
done
case $keep in
  ''|*[!0-9]*) echo "install-next-kernel.sh: --keep needs a whole number, not '$keep'" >&2; exit 2 ;;
esac
[ -d "$boot_dir" ] || { echo "install-next-kernel.sh: no boot directory '$boot_dir'" >&2; exit 1; }

if [ "$install" = true ]; then
  make modules_install install
fi

# Every linux-next release that has a kernel image in the boot directory, one per line.
next_releases() {
  local image release
  for image in "$boot_dir"/vmlinuz-*-next-*; do
    [ -e "$image" ] || continue
    release=${image##*/vmlinuz-}
    printf '%s\n' "$release"
  done
}

# "<next date> <release>" per release, newest first.
newest_first() {
  local release date
  while IFS= read -r release; do
    date=$(printf '%s\n' "$release" | sed -n 's/.*-next-\([0-9]\{8\}\).*/\1/p')
    printf '%s %s\n' "${date:-00000000}" "$release"
  done | sort -k1,1r -k2,2Vr
}

remove() {
  if [ "$dry_run" = true ]; then
    printf 'would remove %s\n' "$1"
  else
    printf 'removing %s\n' "$1"
    rm -rf -- "$1"
  fi
}

kept=0
while read -r _ release; do
  [ -n "$release" ] || continue
  if [ "$release" = "$running" ]; then
    printf 'keeping %s (running)\n' "$release"
    continue
  fi
  if [ "$kept" -lt "$keep" ]; then
    kept=$((kept + 1))
    printf 'keeping %s\n' "$release"
    continue
  fi
  for file in "vmlinuz-$release" "initrd.img-$release" "initrd-$release" "initramfs-$release.img" \
      "System.map-$release" "config-$release"; do
    if [ -e "$boot_dir/$file" ] || [ -L "$boot_dir/$file" ]; then
      remove "$boot_dir/$file"
    fi
  done
  if [ -d "$modules_dir/$release" ]; then
    remove "$modules_dir/$release"
  fi
done <<EOF_RELEASES
$(next_releases | newest_first)
EOF_RELEASES

if [ "$dry_run" = false ] && [ "$boot_dir" = /boot ] && command -v update-grub >/dev/null 2>&1; then
  update-grub
fi
