#!/usr/bin/env bash
# Runs every benchmark at full size and writes docs/benchmarks.md (about 15 minutes; see docs/benchmarks.md
# for what each one measures). Build first, then run:
#
#   benchmarks/run-all.sh                                  # all of them
#   benchmarks/run-all.sh -Dquiesce.bench.only=B3,B4       # some of them (then the table holds only those)
#   benchmarks/run-all.sh -Dquiesce.bench.b3.events=200000 # other sizes (quiesce.bench.KEY, listed in the output)
#   SKIP_BUILD=1 benchmarks/run-all.sh                     # without building again
#
# Run it on an otherwise idle machine: the table records the load average, and figures taken under
# load are noisy.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  # The class path is benchmarks/target/lib/*: a jar left there by an older build (of a module no longer
  # depended on) would shadow classes of the current ones.
  rm -rf benchmarks/target/lib
  # the command line too: B5 runs its shaded jar, cli/target/quiesce.jar.
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' benchmarks/pom.xml | head -1)"
# AlwaysPreTouch: every page of the heap is touched when a JVM starts (a few seconds), as in a process that
# has run a while; otherwise a benchmark's first minute pays the OS for each page the collector uses first.
exec java -Xms4g -Xmx4g -XX:+UseG1GC -XX:+AlwaysPreTouch "$@" \
  -Dquiesce.bench.root="$root" -Dquiesce.bench.command="benchmarks/run-all.sh" \
  -cp "benchmarks/target/quiesce-benchmarks-$version.jar:benchmarks/target/lib/*" io.quiesce.benchmarks.RunAll
