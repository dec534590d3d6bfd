#!/usr/bin/env bash
# Runs the mnist-nn JMH benchmarks with settings fit for a 2-core machine (one fork; the epoch benchmarks in
# single-shot mode, 2-3 warm-up and 3-5 measured epochs, as their annotations say) and writes
# benchmarks/RESULTS.md: JVM, CPU, the exact command, and every score beside its target and yardsticks.
#
#   benchmarks/run.sh                      # everything on the cpu backend
#   benchmarks/run.sh OnlineEpoch          # extra arguments go to JMH (a benchmark regex, -p ..., -i ...)
#   BACKENDS=opencl RESULTS=benchmarks/RESULTS-opencl.md benchmarks/run.sh 'OnlineEpoch|MiniBatchEpoch|DeviceInference' -i 1
#                                          # the OpenCL backend (stops with SKIPPED where no platform exists);
#                                          # on PoCL a mini-batch epoch takes about 90 s, hence -i 1
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml */pom.xml */src -newer "$JAR" -type f -print -quit)" ]; then
  mvn -B -q install -DskipTests
fi

JSON=${JSON:-benchmarks/target/jmh-results.json}
BACKENDS=${BACKENDS:-cpu}
CMD=(java -jar "$JAR" -f 1 -foe false -p "backend=$BACKENDS" -rf json -rff "$JSON" "$@")
echo "${CMD[*]}"
"${CMD[@]}"
RESULTS=${RESULTS:-benchmarks/RESULTS.md}
java -cp "$JAR" io.github.mnistnn.benchmarks.ResultsTable "$JSON" "${CMD[*]}" "$RESULTS"
echo "wrote $RESULTS"
