#!/usr/bin/env bash
# Benchmark (not a test): kvmboot:start/stop for integration tests. For the busybox-httpd guest of
# the start/stop ITs: the time from start returning (waitFor tcp:8080) to the first successful
# HTTP request, and the start/stop pair against a plain kvmboot:boot of the same kernel and exec
# initramfs whose command exits at once.
#   N=3 bench/lifecycle.sh
# Prints medians in milliseconds. Needs what .ci/run installs.
set -euo pipefail
N=${N:-3}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -B -q -o test-compile >/dev/null
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
java -Dkvmboot.test.cache="$HOME/.cache/kvmboot-test" -Dkvmboot.test.scripts="$PWD/src/test/scripts" \
     -cp "target/test-classes:target/classes:$(cat "$work/cp.txt")" \
     io.github.kvmboot.lifecycle.LifecycleBench "$N" 2>"$work/log.txt" || { tail -50 "$work/log.txt" >&2; exit 1; }
