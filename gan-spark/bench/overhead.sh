#!/usr/bin/env bash
# The overhead benchmark of gan-spark (OverheadBenchmark, in its test sources): steps per second of the local trainer,
# its --micro-batches 2 twin and --spark local[2] --workers 2 at the same global batch on the same machine (dcgan, the
# bundled MNIST images, batch 64, NS and WGAN-GP), timed in interleaved rounds in one JVM (median over rounds).
#   gan-spark/bench/overhead.sh [STEPS_PER_ROUND [ROUNDS [LOSSES]]]     default: 3 5 ns,wgan-gp
# Needs the build (./mvnw -q -pl gan-spark -am install -DskipTests: gan-spark/target/test-classes, gan-spark.jar, lib/).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/bin/find-jdk.sh"
jgan_find_jdk
t="$root/gan-spark/target"
opts=()
while IFS= read -r o; do
  case "$o" in ''|'#'*) ;; *) opts+=("$o") ;; esac
done < "$root/bin/spark-java-options"
exec "$JAVA_HOME/bin/java" -Xmx3g -XX:+UseParallelGC --add-modules jdk.incubator.vector "${opts[@]}" -Dlog4j2.configurationFile=jgan-spark-log4j2.properties \
  -cp "$t/test-classes:$t/gan-spark.jar:$t/lib/*" io.jgan.spark.OverheadBenchmark "$@"
