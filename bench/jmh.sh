#!/usr/bin/env bash
# Builds the bench module and runs its JMH microbenchmarks (dev.sluice.bench.jmh) of the engine's hot
# paths: serializer, CombineMap, RecordTable (a join's build and probe), shuffle write, shuffle read + merge,
# and local-mode pipelines.
#
# Usage: bench/jmh.sh [REGEX] [JMH options ...]
#   REGEX         benchmarks to run (default: all of dev.sluice.bench.jmh), e.g. CombineMap or 'ShuffleRead.sort'
#   JMH options   passed to org.openjdk.jmh.Main, e.g. -f 1 -wi 1 -i 1 -w 1s -r 1s (a quick smoke run),
#                 -p memoryBudget=0, -prof gc, -rf json -rff out.json; -h lists them all
# The annotations default to 1 fork, 2 x 1 s warm-up and 3 x 1 s measurement per benchmark and parameter set.
# Scores are nanoseconds per record or element (see each class's Javadoc).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # .../bench
root=$(cd "$here/.." && pwd)                          # the repository
regex=dev.sluice.bench.jmh
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  regex=$1
  shift
fi

cp_file="$here/target/jmh-classpath.txt"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests -pl bench -am install \
   && mvn -q -B -Dstyle.color=never dependency:build-classpath -pl bench -DincludeScope=runtime -Dmdep.outputFile="$cp_file")
exec java -cp "$here/target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main "$regex" "$@"
