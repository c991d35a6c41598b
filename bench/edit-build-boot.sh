#!/usr/bin/env bash
# Benchmark (not a test): the edit-build-boot loop on a kernel tree. Touches one .c file, then times
#   (a) mvn verify with examples/kernel-wrapper/pom.xml (kernel-config, build, boot to a marker)
#   (b) the same by hand: make -jN bzImage, then a raw QEMU boot (the plugin's own QEMU argv)
# and prints both and the ratio. N rounds each (default 3), medians.
#   N=3 bench/edit-build-boot.sh
# The tree is a hard-linked copy of Debian's linux-source-6.1 (src/test/scripts/linux-source.sh)
# kept in ~/.cache/kvmboot-test/bench-edit-build-boot; the first run builds it once (~3-5 min).
set -euo pipefail
N=${N:-3}
cd "$(dirname "$0")/.."
repo=$(pwd)
cache=${KVMBOOT_TEST_CACHE:-$HOME/.cache/kvmboot-test}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The plugin goes into a repository of its own (not ~/.m2, where another clone may install the
# same snapshot version); everything else resolves from ~/.m2 like the ITs (src/it/settings.xml).
# Maven runs online (no -o) so that file:// repository is readable, as in the ITs.
# SKIP_PACKAGE=1 uses the jar already in target/ (e.g. while this clone's target/ is busy).
[ -n "${SKIP_PACKAGE:-}" ] || ./mvnw -B -q -o package -DskipTests -Dinvoker.skip >/dev/null
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
m2="$cache/bench-m2"
./mvnw -B -q -o install:install-file -Dfile="target/kvmboot-maven-plugin-$version.jar" -DpomFile=dependency-reduced-pom.xml \
  -DlocalRepositoryPath="$m2" >/dev/null
sed "s|@localRepositoryUrl@|file://$HOME/.m2/repository|" src/it/settings.xml > "$work/settings.xml"
# the test fixtures build the initramfs; they need the plugin's commons-compress (and its commons-io)
jar() { ls -1 "$HOME/.m2/repository/$1"/*/*.jar | grep -v -e sources -e javadoc | sort -V | tail -n 1; }
[ -d target/test-classes ] || ./mvnw -B -q -o test-compile
cp="target/test-classes:target/classes:$(jar org/apache/commons/commons-compress):$(jar commons-io/commons-io)"
initrd=$(java -cp "$cp" io.github.kvmboot.testing.TestGuests poweroff KVMBOOT-BENCH)
src=$(bash src/test/scripts/linux-source.sh "$cache")
tree="$cache/bench-edit-build-boot"
if [ ! -f "$tree/pom.xml" ]; then
  rm -rf "$tree"
  cp -al "$src" "$tree"
  cp examples/kernel-wrapper/pom.xml "$tree/pom.xml"
fi
cp examples/kernel-wrapper/pom.xml "$tree/pom.xml"
mvn_args=(-B -s "$work/settings.xml" -Dmaven.repo.local="$m2" verify -Dkvmboot.initrd="$initrd" -Dkvmboot.expect=KVMBOOT-BENCH -Dkvmboot.accel=tcg
          -Dkvmboot.network=none)
cd "$tree"
echo "warm-up: mvn verify (a clean build the first time)" >&2
"$repo/mvnw" "${mvn_args[@]}" > "$work/warmup.log" 2>&1 || { tail -n 40 "$work/warmup.log" >&2; exit 1; }
qemu_cmd=$(sed -n 's/^\[INFO\] QEMU: //p' "$work/warmup.log" | head -n 1)
[ -n "$qemu_cmd" ] || { echo "could not capture the plugin's QEMU command" >&2; exit 1; }

edit() { # a real edit: a new file (never written through the hard link into the cached source)
  local f=init/version.c
  { cat "$f"; echo "/* bench $(date +%s%N) */"; } > "$f.new"
  mv "$f.new" "$f"
}
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN {printf "%.2f\n", a - b}'; }
by_hand() {
  make -s -j"$(nproc)" bzImage >/dev/null
  eval "set -- $qemu_cmd"
  "$@" </dev/null | grep -q KVMBOOT-BENCH
}

# with and without the wrapper's .mvn/jvm.config (the README says to copy it beside the pom)
jvm_config() { if [ "$1" = on ]; then mkdir -p .mvn && cp "$repo/examples/kernel-wrapper/.mvn/jvm.config" .mvn/; else rm -rf .mvn; fi; }
: > "$work/mvn.times"; : > "$work/mvn-c1.times"; : > "$work/hand.times"
for _ in $(seq "$N"); do
  jvm_config off
  edit; t0=$(now); "$repo/mvnw" "${mvn_args[@]}" >/dev/null 2>&1; elapsed "$t0" >> "$work/mvn.times"
  jvm_config on
  edit; t0=$(now); "$repo/mvnw" "${mvn_args[@]}" >/dev/null 2>&1; elapsed "$t0" >> "$work/mvn-c1.times"
  edit; t0=$(now); by_hand; elapsed "$t0" >> "$work/hand.times"
done
jvm_config off
mvn_t=$(median < "$work/mvn.times")
mvn_c1_t=$(median < "$work/mvn-c1.times")
hand_t=$(median < "$work/hand.times")
echo "edit init/version.c, then (median of $N):"
echo "  mvn verify (kernel-config + build + boot): ${mvn_t} s   [$(tr '\n' ' ' < "$work/mvn.times")]"
echo "  the same with the wrapper's .mvn/jvm.config: ${mvn_c1_t} s   [$(tr '\n' ' ' < "$work/mvn-c1.times")]"
echo "  make bzImage + raw QEMU boot by hand:      ${hand_t} s   [$(tr '\n' ' ' < "$work/hand.times")]"
awk -v a="$mvn_t" -v c="$mvn_c1_t" -v b="$hand_t" \
  'BEGIN {printf "  mvn - by hand: %+.2f s (%+.2f s with jvm.config; goal <= +0.5 s); ratio %.2f\n", a - b, c - b, a / b}'
