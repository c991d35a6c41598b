#!/usr/bin/env bash
# Benchmark (not a test): what kvmboot:boot adds on top of a raw QEMU boot of the same kernel
# with the identical argument list, and the fast (default) vs the seed device set.
#   N=5 bench/boot-overhead.sh
# Prints median wall times in seconds and ratios. Needs what .ci/run installs.
set -euo pipefail
N=${N:-5}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -B -q -o install -DskipTests -Dinvoker.skip >/dev/null
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/cp.txt")"
kernel=$(java -cp "$cp" io.github.kvmboot.testing.TestGuests kernel)
initrd=$(java -cp "$cp" io.github.kvmboot.testing.TestGuests poweroff KVMBOOT-BENCH)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
goal="io.github.kvmboot:kvmboot-maven-plugin:$version:boot"
settings=(-Dkernel="$kernel" -Dkvmboot.initrd="$initrd" -Dkvmboot.accel=tcg -Dkvmboot.network=none
          -Dkvmboot.outputDirectory="$work/out")

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
time_runs() { # command... ; prints N wall times
  for _ in $(seq "$N"); do
    local t0; t0=$(now)
    "$@" </dev/null >/dev/null 2>&1
    awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.3f\n", a - b}'
  done
}
# The exact QEMU argv the plugin runs for a device set, as printed in its "QEMU: " line.
plugin_command() {
  (cd "$work" && "$OLDPWD/mvnw" -B -o "$goal" "${settings[@]}" -Dkvmboot.deviceSet="$1") \
    | sed -n 's/^\[INFO\] QEMU: //p' | head -n 1
}
raw() { eval "set -- $1"; "$@"; }

fast_cmd=$(plugin_command fast)
seed_cmd=$(plugin_command seed)
[ -n "$fast_cmd" ] && [ -n "$seed_cmd" ] || { echo "could not capture the plugin's QEMU command" >&2; exit 1; }

raw_fast=$(time_runs raw "$fast_cmd" | median)
raw_seed=$(time_runs raw "$seed_cmd" | median)
plugin_fast=$(cd "$work" && time_runs "$OLDPWD/mvnw" -B -q -o "$goal" "${settings[@]}" | median)

echo "boot-overhead: test kernel $(basename "$kernel"), busybox initramfs that powers off, TCG, N=$N (medians)"
printf '  raw QEMU, plugin argv (fast set)     %ss\n' "$raw_fast"
printf '  ./mvnw -o -q kvmboot:boot (fast set) %ss   ratio plugin/raw %.2f\n' "$plugin_fast" "$(awk -v a="$plugin_fast" -v b="$raw_fast" 'BEGIN {print a / b}')"
printf '  raw QEMU, seed device set            %ss\n' "$raw_seed"
printf '  raw QEMU, fast device set            %ss   ratio fast/seed %.2f\n' "$raw_fast" "$(awk -v a="$raw_fast" -v b="$raw_seed" 'BEGIN {print a / b}')"
