# Shared by the bench scripts (source it after `set -euo pipefail`; they are benchmarks, not tests).
# bench_setup: into the repository, a work directory removed on exit, the plugin installed offline
# without tests, the test classpath (for TestGuests), and $goal, the installed plugin's boot goal.
bench_setup() {
  cd "$(dirname "${BASH_SOURCE[1]}")/.."
  repo=$(pwd)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  ./mvnw -B -q -o install -DskipTests -Dinvoker.skip >/dev/null
  ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
  [ -d target/test-classes ] || ./mvnw -B -q -o test-compile >/dev/null
  cp="target/test-classes:target/classes:$(cat "$work/cp.txt")"
  version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
  goal="io.github.kvmboot:kvmboot-maven-plugin:$version:boot"
}
# The cached test guests: kernel, built-kernel, hostroot-kernel, modules, poweroff MARKER, ...
testguests() { java -cp "$cp" io.github.kvmboot.testing.TestGuests "$@" | tail -n 1; }
now() { date +%s.%N; }
# median [decimals]: of the numbers on stdin
median() { sort -n | awk -v d="${1:-3}" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%." d "f", m}'; }
# time_runs command...: runs it $N times, stdin and output to /dev/null, prints each wall time
time_runs() {
  for _ in $(seq "$N"); do
    local t0; t0=$(now)
    "$@" </dev/null >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.3f\n", a - b}'
  done
}
