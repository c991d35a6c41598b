#!/usr/bin/env bash
# Benchmark (not a test): which QEMU options and kernel command line items make a TCG boot
# faster. Raw QEMU only (no Maven), the plugin's exact default argv ("fast" set) as the base, each
# variant one change to it, rounds interleaved so that a noisy machine hits every variant alike.
#   N=5 bench/boot-options.sh                      # Debian's cloud kernel, busybox initramfs that powers off
#   N=5 KERNEL=built bench/boot-options.sh         # the self-built test kernel
# Prints the median wall time of each variant and its ratio to the seed's argument set (what the
# kvm-boot scripts passed) and to the current default.
set -euo pipefail
N=${N:-5}
source "$(dirname "$0")/lib.sh"
bench_setup
if [ "${KERNEL:-debian}" = built ]; then kernel=$(testguests built-kernel); else kernel=$(testguests kernel); fi
initrd=$(testguests poweroff KVMBOOT-BENCH)
settings=(-Dkernel="$kernel" -Dkvmboot.initrd="$initrd" -Dkvmboot.accel=tcg -Dkvmboot.network=none
          -Dkvmboot.outputDirectory="$work/out")
plugin_command() {
  (cd "$work" && "$OLDPWD/mvnw" -B -o "$goal" "${settings[@]}" "$@") | sed -n 's/^\[INFO\] QEMU: //p' | head -n 1
}
fast=$(plugin_command -Dkvmboot.deviceSet=fast)
# the seed's argument set with its own command line: the serial console, none of kvmboot's TCG items
seed=$(plugin_command -Dkvmboot.deviceSet=seed -Dkvmboot.append="console=ttyS0,115200 panic=-1")
[ -n "$fast" ] && [ -n "$seed" ] || { echo "could not capture the plugin's QEMU command" >&2; exit 1; }
# QMP is the plugin's: a raw run has nobody connecting, so drop it from both
strip_qmp() { sed -e 's/ -chardev socket,id=qmp[^ ]* -mon chardev=qmp[^ ]*//g' -e 's/ -pidfile [^ ]*//'; }
fast=$(strip_qmp <<<"$fast")
seed=$(strip_qmp <<<"$seed")
append() { sed "s/-append '\\([^']*\\)'/-append '\\1 $1'/" <<<"$fast"; }

names=(seed default)
commands=("$seed" "$fast")
add() { names+=("$1"); commands+=("$2"); }
add "default + PVH entry (kvmboot.pvh=auto)" "$(strip_qmp <<<"$(plugin_command -Dkvmboot.deviceSet=fast -Dkvmboot.pvh=auto)")"
add "default + cryptomgr.notests" "$(append cryptomgr.notests)"
add "default + i8042.noaux i8042.nokbd" "$(append 'i8042.noaux i8042.nokbd')"
add "default + tsc=reliable" "$(append tsc=reliable)"
add "default + random.trust_cpu=on" "$(append random.trust_cpu=on)"
add "default + -bios qboot.rom" "$fast -bios /usr/share/qemu/qboot.rom"
add "default, -M q35" "${fast/-accel tcg/-accel tcg -M q35}"
add "default, -cpu max" "${fast/-accel tcg/-accel tcg -cpu max}"
[ -z "${TRY:-}" ] || add "default + $TRY" "$(append "$TRY")"

for ((round = 0; round < N; round++)); do
  for i in "${!commands[@]}"; do
    eval "set -- ${commands[$i]}"
    t0=$(now)
    "$@" </dev/null >"$work/console-$i.log" 2>&1 || { echo "failed: ${names[$i]}" >&2; cat "$work/console-$i.log" >&2; exit 1; }
    grep -q KVMBOOT-BENCH "$work/console-$i.log" || { echo "no marker: ${names[$i]}" >&2; exit 1; }
    awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.3f\n", a - b}' >>"$work/times-$i"
    # the kernel's own clock at power-off: the guest's share of the wall time, less noisy
    sed -n 's/^\[ *\([0-9.]*\)\] reboot: Power down.*/\1/p' "$work/console-$i.log" | tail -n 1 >>"$work/guest-$i"
  done
done
echo "boot-options: $(basename "$kernel"), busybox initramfs that powers off, raw QEMU, TCG, N=$N"
echo "  (medians in seconds: wall time of QEMU, and the kernel's clock at its power-off line)"
seed_time=$(median <"$work/times-0")
default_time=$(median <"$work/times-1")
for i in "${!commands[@]}"; do
  t=$(median <"$work/times-$i")
  printf '  %-40s %s   guest %s   %s x seed   %s x default\n' "${names[$i]}" "$t" "$(median <"$work/guest-$i")" \
    "$(awk -v a="$t" -v b="$seed_time" 'BEGIN {printf "%.2f", a / b}')" \
    "$(awk -v a="$t" -v b="$default_time" 'BEGIN {printf "%.2f", a / b}')"
done
