#!/usr/bin/env bash
# Benchmark (not a test): median suspend and resume latency per mode under TCG, from the JUnit
# report of one kvmboot:boot with kvmboot.suspend=MODE and CYCLES cycles (Debian's cloud kernel).
#   suspend = init's "kvmboot-suspending" marker on the console to QMP SUSPEND
#   resume  = QMP WAKEUP (kvmboot.wakeupAfter after SUSPEND) to init's "kvmboot-resumed" marker
#   disk (S4): suspend = the marker to QMP SUSPEND_DISK (the image written), resume = QEMU started
#   again to the marker (a fresh kernel boot, the image read and restored)
#   CYCLES=10 MODES="mem disk" bench/suspend.sh
# freeze is rejected (see README "Suspend and resume").
set -euo pipefail
CYCLES=${CYCLES:-10}
MODES=${MODES:-mem disk}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -B -q -o install -DskipTests -Dinvoker.skip >/dev/null
kernel=$(bash src/test/scripts/test-kernel.sh "${KVMBOOT_TEST_CACHE:-$HOME/.cache/kvmboot-test}" | tail -n 1)
release=${kernel##*/vmlinuz-}
modules=$(dirname "$(dirname "$kernel")")/lib/modules/$release # the swap disk's virtio_blk is a module
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
goal="io.github.kvmboot:kvmboot-maven-plugin:$version:boot"
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }

for mode in $MODES; do
  (cd "$work" && "$OLDPWD/mvnw" -B -q -o "$goal" -Dkernel="$kernel" -Dkvmboot.accel=tcg -Dkvmboot.network=none \
      -Dkvmboot.memory=256 -Dkvmboot.timeout=600 -Dkvmboot.suspend="$mode" -Dkvmboot.suspendCycles="$CYCLES" -Dkvmboot.modules="$modules" \
      -Dkvmboot.outputDirectory="$work/out-$mode" -Dkvmboot.reportsDirectory="$work/reports-$mode") </dev/null >/dev/null
  timings=$(grep -ho 'suspend [0-9]* ms, suspended [0-9]* ms, resume [0-9]* ms' "$work"/reports-"$mode"/*.xml)
  n=$(printf '%s\n' "$timings" | wc -l)
  s=$(printf '%s\n' "$timings" | awk '{print $2}' | median)
  r=$(printf '%s\n' "$timings" | awk '{print $8}' | median)
  printf '%s: %d cycles, median suspend %s ms, median resume %s ms\n' "$mode" "$n" "$s" "$r"
done
