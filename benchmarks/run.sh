#!/usr/bin/env bash
# Runs the mnist-nn JMH benchmarks with settings fit for a 2-core machine (one fork; the epoch benchmarks in
# single-shot mode, 1 warm-up and 3 measured epochs, as their annotations say) and writes
# benchmarks/RESULTS.md: JVM, CPU, the exact command, and every score beside its target and yardsticks.
#
#   benchmarks/run.sh                      # everything, on the cpu and opencl backends
#   BACKENDS=cpu benchmarks/run.sh         # the CPU backend only (opencl stops with SKIPPED where no platform exists)
#   benchmarks/run.sh OnlineEpoch          # extra arguments go to JMH (a benchmark regex, -p ..., -i ...)
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml */pom.xml */src -newer "$JAR" -type f -print -quit)" ]; then
  mvn -B -q install -DskipTests
fi

JSON=benchmarks/target/jmh-results.json
BACKENDS=${BACKENDS:-cpu,opencl}
CMD=(java -jar "$JAR" -f 1 -foe false -p "backend=$BACKENDS" -rf json -rff "$JSON" "$@")
echo "${CMD[*]}"
"${CMD[@]}"
java -cp "$JAR" io.github.mnistnn.benchmarks.ResultsTable "$JSON" "${CMD[*]}" benchmarks/RESULTS.md
echo "wrote benchmarks/RESULTS.md"
