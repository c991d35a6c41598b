#!/usr/bin/env bash
# Benchmark (not a test): every figure of the speed issue in one run, on one machine, rounds
# paired (each round runs every variant once) so that a noisy machine hits them alike.
#   N=5 bench/speed.sh            # EDIT=0 skips the edit-build-boot loop (it builds a tree once, ~5 min)
# Debian's cloud kernel, busybox initramfs that powers off, TCG. Prints medians (wall seconds; CPU =
# user + sys of the whole process tree) and the ratios the issue asks for:
#   plugin's own cost = plugin boot - raw QEMU (same argv) - Maven's floor (./mvnw -q -o validate, empty pom)
#   exec ratio        = (exec=true - floor) / raw QEMU boot
#   default / seed    = raw QEMU with the default argv / with the seed's argument set
set -euo pipefail
N=${N:-5}
MB=${MB:-8}
source "$(dirname "$0")/lib.sh"
bench_setup
kernel=$(testguests kernel)
initrd=$(testguests poweroff KVMBOOT-BENCH)
settings=(-Dkernel="$kernel" -Dkvmboot.accel=tcg -Dkvmboot.network=none -Dkvmboot.outputDirectory="$work/out")
flood="dd if=/dev/urandom of=/tmp/r bs=1M count=$MB 2>/dev/null; echo FLOOD-BEGIN; base64 /tmp/r; echo FLOOD-END; md5sum /tmp/r"
# random base64 spells "Oops" about once per 8 MiB: the default patterns minus that word (no ':' in base64)
flood_fail_on="Kernel panic - not syncing|BUG:|KASAN:|general protection fault"
mkdir -p "$work/empty"
printf '<project><modelVersion>4.0.0</modelVersion><groupId>b</groupId><artifactId>b</artifactId><version>1</version><packaging>pom</packaging></project>\n' \
  > "$work/empty/pom.xml"

plugin_command() {
  (cd "$work" && "$repo/mvnw" -B -o "$goal" "${settings[@]}" "$@") | sed -n 's/^\[INFO\] QEMU: //p' | head -n 1
}
boot_cmd=$(plugin_command -Dkvmboot.initrd="$initrd")
# the seed's argument set with its own command line: the serial console, none of kvmboot's TCG items
seed_cmd=$(plugin_command -Dkvmboot.initrd="$initrd" -Dkvmboot.deviceSet=seed -Dkvmboot.append="console=ttyS0,115200 panic=-1")
exec_cmd=$(plugin_command -Dkvmboot.exec=true)
flood_cmd=$(plugin_command -Dkvmboot.exec="$flood" -Dkvmboot.failOn="$flood_fail_on")
for c in "$boot_cmd" "$seed_cmd" "$exec_cmd" "$flood_cmd"; do
  [ -n "$c" ] || { echo "could not capture the plugin's QEMU command" >&2; exit 1; }
done

names=(); runs=()
variant() { names+=("$1"); runs+=("$2"); }   # name, a shell command line (run by bash -c)
q() { printf '%q ' "$@"; }
mvn_boot() { echo "cd $(q "$work") && $(q "$repo/mvnw" -B -q -o "$goal" "${settings[@]}" "$@")"; }
variant floor     "cd $(q "$work/empty") && $(q "$repo/mvnw" -B -q -o validate)"
variant raw       "$boot_cmd"   # the plugin prints its argv shell-quoted
variant seed      "$seed_cmd"
variant plugin    "$(mvn_boot -Dkvmboot.initrd="$initrd")"
variant raw_exec  "$exec_cmd"
variant exec      "$(mvn_boot -Dkvmboot.exec=true)"
# the JVM options examples/kernel-wrapper/.mvn/jvm.config gives Maven (C1 only, serial GC), floor and boot alike
c1="MAVEN_OPTS=$(q "$(cat examples/kernel-wrapper/.mvn/jvm.config)")"
variant floor_c1  "cd $(q "$work/empty") && $c1 $(q "$repo/mvnw" -B -q -o validate)"
variant plugin_c1 "cd $(q "$work") && $c1 $(q "$repo/mvnw" -B -q -o "$goal" "${settings[@]}" -Dkvmboot.initrd="$initrd")"
variant raw_flood "$flood_cmd >/dev/null"
variant flood     "$(mvn_boot -Dkvmboot.exec="$flood" -Dkvmboot.failOn="$flood_fail_on")"

for ((round = 0; round < N; round++)); do
  for i in "${!runs[@]}"; do
    # %e wall, %U + %S: CPU of the command and the children it waited for (QEMU, make)
    /usr/bin/time -f '%e %U %S' -o "$work/t" bash -c "${runs[$i]}" </dev/null >/dev/null 2>&1 \
      || { echo "failed: ${names[$i]}" >&2; exit 1; }
    read -r wall user sys <"$work/t"
    echo "$wall" >>"$work/wall-${names[$i]}"
    awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f\n", u + s}' >>"$work/cpu-${names[$i]}"
  done
done
w() { median <"$work/wall-$1"; }
c() { median <"$work/cpu-$1"; }
calc() { awk "BEGIN {printf \"%.${2:-2}f\", $1}"; }

# the last flood through the plugin: did console.log get every byte?
log="$work/out/console.log"
sed -n '/^FLOOD-BEGIN/,/^FLOOD-END/p' "$log" | tr -d '\r' | sed '1d;$d' >"$work/flood.b64"
got=$(base64 -d <"$work/flood.b64" | md5sum | cut -d' ' -f1)
bytes=$(base64 -d <"$work/flood.b64" | wc -c)
want=$(tr -d '\r' <"$log" | grep -o '[0-9a-f]\{32\}  /tmp/r' | tail -n 1 | cut -c1-32)

echo "speed bench: $(basename "$kernel"), TCG, $(nproc) cores, N=$N paired rounds (medians; wall s, CPU s = user + sys)"
printf '  %-52s wall %6s  CPU %6s\n' "raw QEMU, the plugin's argv (busybox, powers off)" "$(w raw)" "$(c raw)"
printf '  %-52s wall %6s  CPU %6s   %sx raw\n' "./mvnw -q -o kvmboot:boot, same argv" "$(w plugin)" "$(c plugin)" \
  "$(calc "$(w plugin) / $(w raw)")"
printf '  %-52s wall %6s  CPU %6s\n' "Maven's floor (./mvnw -q -o validate, empty pom)" "$(w floor)" "$(c floor)"
printf '  %-52s wall %6s  CPU %6s   (goal <= 0.25 wall, <= 0.4 CPU)\n' "-> the plugin's own cost (boot - raw - floor)" \
  "$(calc "$(w plugin) - $(w raw) - $(w floor)" 3)" "$(calc "$(c plugin) - $(c raw) - $(c floor)")"
printf '  %-52s wall %6s  CPU %6s   raw %s; (exec - floor) / raw boot = %sx (goal <= 1.3)\n' "-Dkvmboot.exec=true" \
  "$(w exec)" "$(c exec)" "$(w raw_exec)" "$(calc "($(w exec) - $(w floor)) / $(w raw)")"
printf '  %-52s wall %6s            default / seed = %s (goal <= 0.85)\n' "raw QEMU, the seed's argument set" "$(w seed)" \
  "$(calc "$(w raw) / $(w seed)")"
printf '  %-52s wall %6s  CPU %6s   floor %s / CPU %s; own cost %s wall, %s CPU\n' \
  "boot with examples/kernel-wrapper/.mvn/jvm.config" "$(w plugin_c1)" "$(c plugin_c1)" "$(w floor_c1)" "$(c floor_c1)" \
  "$(calc "$(w plugin_c1) - $(w raw) - $(w floor_c1)" 3)" "$(calc "$(c plugin_c1) - $(c raw) - $(c floor_c1)")"
printf '  %-52s wall %6s  raw %s   ratio %s; %s of %s bytes, md5 %s\n' "$MB MiB console flood through the plugin" \
  "$(w flood)" "$(w raw_flood)" "$(calc "$(w flood) / $(w raw_flood)")" "$bytes" "$((MB * 1048576))" \
  "$([ "$got" = "$want" ] && [ "$bytes" = "$((MB * 1048576))" ] && echo 'matches: nothing lost' || echo 'DIFFERS: DATA LOST')"
if [ "${EDIT:-1}" != 0 ]; then
  echo "edit-build-boot loop (bench/edit-build-boot.sh, goal: mvn verify <= make + raw QEMU + 0.5 s):"
  SKIP_PACKAGE=1 N="$N" bash bench/edit-build-boot.sh | sed 's/^/  /'
fi
