#!/usr/bin/env bash
# Benchmark (not a test): kvmboot.exec end to end.
#  1. ./mvnw kvmboot:boot -Dkvmboot.exec=true vs a raw QEMU run of the exact argv the plugin
#     printed in its "QEMU: " line (same kernel, same generated initramfs).
#  2. A console flood: the guest prints MB megabytes of random data as base64; through the
#     supervisor (console.log, pattern matching, build log) vs raw QEMU writing to /dev/null, and
#     a check that console.log lost nothing (the decoded bytes match the guest's md5sum).
#   N=3 MB=8 bench/exec.sh
# Prints median wall times in seconds and ratios. Needs what .ci/run installs.
set -euo pipefail
N=${N:-3}
MB=${MB:-8}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -B -q -o install -DskipTests -Dinvoker.skip >/dev/null
kernel=$(bash src/test/scripts/test-kernel.sh "${KVMBOOT_TEST_CACHE:-$HOME/.cache/kvmboot-test}" | tail -n 1)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
goal="io.github.kvmboot:kvmboot-maven-plugin:$version:boot"
settings=(-Dkernel="$kernel" -Dkvmboot.accel=tcg -Dkvmboot.network=none -Dkvmboot.outputDirectory="$work/out")
flood="dd if=/dev/urandom of=/tmp/r bs=1M count=$MB 2>/dev/null; echo FLOOD-BEGIN; base64 /tmp/r; echo FLOOD-END; md5sum /tmp/r"
# random base64 spells "Oops" about once per 8 MiB: the default patterns minus that word (no ':' in base64)
flood_fail_on="Kernel panic - not syncing|BUG:|KASAN:|general protection fault"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
time_runs() { # command... ; prints N wall times
  for _ in $(seq "$N"); do
    local t0; t0=$(now)
    "$@" </dev/null >/dev/null 2>&1
    awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.3f\n", a - b}'
  done
}
plugin() { (cd "$work" && "$OLDPWD/mvnw" -B -q -o "$goal" "${settings[@]}" "$@"); }
# The exact QEMU argv the plugin runs, as printed in its "QEMU: " line.
plugin_command() {
  (cd "$work" && "$OLDPWD/mvnw" -B -o "$goal" "${settings[@]}" "$@") | sed -n 's/^\[INFO\] QEMU: //p' | head -n 1
}
raw() { eval "set -- $1"; "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

true_cmd=$(plugin_command -Dkvmboot.exec=true)
flood_cmd=$(plugin_command -Dkvmboot.exec="$flood" -Dkvmboot.failOn="$flood_fail_on")
[ -n "$true_cmd" ] && [ -n "$flood_cmd" ] || { echo "could not capture the plugin's QEMU command" >&2; exit 1; }

raw_true=$(time_runs raw "$true_cmd" | median)
plugin_true=$(time_runs plugin -Dkvmboot.exec=true | median)
raw_flood=$(time_runs raw "$flood_cmd" | median)
plugin_flood=$(time_runs plugin -Dkvmboot.exec="$flood" -Dkvmboot.failOn="$flood_fail_on" | median)

# The last plugin flood run's console.log: decode what arrived and compare with the guest's md5sum.
log="$work/out/console.log"
sed -n '/^FLOOD-BEGIN/,/^FLOOD-END/p' "$log" | tr -d '\r' | sed '1d;$d' > "$work/flood.b64"
got=$(base64 -d < "$work/flood.b64" | md5sum | cut -d' ' -f1)
bytes=$(base64 -d < "$work/flood.b64" | wc -c)
want=$(tr -d '\r' < "$log" | grep -o '[0-9a-f]\{32\}  /tmp/r' | tail -n 1 | cut -c1-32)

echo "exec bench: $(basename "$kernel"), generated initramfs, TCG, N=$N (medians)"
printf '  raw QEMU, plugin argv, exec=true          %ss\n' "$raw_true"
printf '  ./mvnw -o -q kvmboot:boot -Dkvmboot.exec=true %ss   ratio plugin/raw %s\n' "$plugin_true" "$(ratio "$plugin_true" "$raw_true")"
printf '  raw QEMU > /dev/null, %s MB flood          %ss\n' "$MB" "$raw_flood"
printf '  plugin, %s MB flood                        %ss   ratio plugin/raw %s\n' "$MB" "$plugin_flood" "$(ratio "$plugin_flood" "$raw_flood")"
printf '  console.log: %s bytes decoded of %s sent; md5 %s, guest %s: %s\n' "$bytes" "$((MB * 1048576))" "$got" "$want" \
  "$([ "$got" = "$want" ] && [ "$bytes" = "$((MB * 1048576))" ] && echo 'nothing lost' || echo 'DATA LOST')"
