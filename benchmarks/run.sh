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
#   benchmarks/run.sh peers                # MiniBatchEpoch, Inference and CnnEpoch beside the same work on DJL's
#                                          # PyTorch engine (-Ppeers, benchmarks/target/peers/benchmarks.jar),
#                                          # one run, written to benchmarks/RESULTS-peers.md
#   benchmarks/run.sh peers 'peers\.' -p threads=1   # a regex replaces the default selection
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=default
if [ "${1:-}" = peers ]; then
  MODE=peers
  shift
fi

if [ "$MODE" = peers ]; then
  JAR=benchmarks/target/peers/benchmarks.jar
else
  JAR=benchmarks/target/benchmarks.jar
fi
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml */pom.xml */src -newer "$JAR" -type f -print -quit)" ]; then
  mvn -B -q install -DskipTests
  if [ "$MODE" = peers ]; then
    # Only the benchmarks module has the profile; package, not install: the 130 MB jar stays in target/peers.
    mvn -B -q -Ppeers -f benchmarks/pom.xml package -DskipTests
  fi
fi

if [ "$MODE" = peers ]; then
  JSON=${JSON:-benchmarks/target/jmh-peers.json}
  RESULTS=${RESULTS:-benchmarks/RESULTS-peers.md}
  # Without a regex of the caller's, our three workloads on the cpu backend and the peers' side by side.
  if [ $# -eq 0 ] || [ "${1#-}" != "$1" ]; then
    set -- 'benchmarks\.(MiniBatchEpoch|Inference|CnnEpoch)\.|peers\.Peer' "$@"
  fi
fi
JSON=${JSON:-benchmarks/target/jmh-results.json}
BACKENDS=${BACKENDS:-cpu}
CMD=(java -jar "$JAR" -f 1 -foe false -p "backend=$BACKENDS" -rf json -rff "$JSON" "$@")
echo "${CMD[*]}"
"${CMD[@]}"
RESULTS=${RESULTS:-benchmarks/RESULTS.md}
java -cp "$JAR" io.github.mnistnn.benchmarks.ResultsTable "$JSON" "${CMD[*]}" "$RESULTS"
echo "wrote $RESULTS"
