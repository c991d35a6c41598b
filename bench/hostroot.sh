#!/usr/bin/env bash
# Benchmark (not a test): kvmboot.exec=true with kvmboot.rootfs=host (virtiofs and 9p) against
# the busybox initramfs and a raw QEMU boot of the same kernel with a busybox initramfs that powers
# off, with Maven's own floor (kvmboot:boot -Dkvmboot.skip) measured in the same run.
#   N=3 bench/hostroot.sh                 # Debian's cloud kernel (virtiofs as modules, no 9p)
#   N=3 KERNEL=hostroot bench/hostroot.sh # the self-built test kernel with kvmboot-hostroot.config
# Prints median wall times in seconds; the goal: (rootfs=host - floor) <= 1.5 x raw busybox.
set -euo pipefail
N=${N:-3}
source "$(dirname "$0")/lib.sh"
bench_setup
modules=()
if [ "${KERNEL:-debian}" = hostroot ]; then
  kernel=$(testguests hostroot-kernel)
  shares=(virtiofs 9p)
else
  kernel=$(testguests kernel)
  modules=(-Dkvmboot.modules="$(testguests modules)")
  shares=(virtiofs)
fi
initrd=$(testguests poweroff KVMBOOT-BENCH)
settings=(-Dkernel="$kernel" -Dkvmboot.accel=tcg -Dkvmboot.network=none -Dkvmboot.outputDirectory="$work/out")

plugin() { (cd "$work" && "$OLDPWD/mvnw" -B -q -o "$goal" "${settings[@]}" "$@"); }
raw() { eval "set -- $1"; "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
net() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a - b}'; }

raw_cmd=$( (cd "$work" && "$OLDPWD/mvnw" -B -o "$goal" "${settings[@]}" -Dkvmboot.initrd="$initrd") \
  | sed -n 's/^\[INFO\] QEMU: //p' | head -n 1)
[ -n "$raw_cmd" ] || { echo "could not capture the plugin's QEMU command" >&2; exit 1; }

floor=$(time_runs plugin -Dkvmboot.skip=true | median)
raw_busybox=$(time_runs raw "$raw_cmd" | median)
exec_busybox=$(time_runs plugin -Dkvmboot.exec=true "${modules[@]}" | median)
echo "hostroot bench: $(basename "$(dirname "$kernel")")/$(basename "$kernel"), TCG, N=$N (medians, seconds)"
printf '  Maven floor (kvmboot:boot -Dkvmboot.skip)        %s\n' "$floor"
printf '  raw QEMU, busybox initramfs that powers off      %s\n' "$raw_busybox"
printf '  exec=true, busybox initramfs                     %s   minus floor %s = %sx raw\n' "$exec_busybox" \
  "$(net "$exec_busybox" "$floor")" "$(ratio "$(net "$exec_busybox" "$floor")" "$raw_busybox")"
for share in "${shares[@]}"; do
  t=$(time_runs plugin -Dkvmboot.exec=true -Dkvmboot.rootfs=host -Dkvmboot.rootfsShare="$share" "${modules[@]}" | median)
  printf '  exec=true, rootfs=host over %-8s             %s   minus floor %s = %sx raw\n' "$share" "$t" \
    "$(net "$t" "$floor")" "$(ratio "$(net "$t" "$floor")" "$raw_busybox")"
done
