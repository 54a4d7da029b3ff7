#!/usr/bin/env bash
# Measures shuffle block fetch throughput between two JVMs over loopback (dev.sluice.bench.net.FetchThroughput):
# a block server JVM commits real map outputs and serves them with ShuffleBlockServer; this JVM fetches every block
# with NettyShuffleBlockFetcher (default FetchLimits) and reads every byte, over plaintext and then over TLS, with
# shared-secret authentication in both. Prints MiB/s per round and one RESULT line (the median) per mode.
# Builds the bench module first if its sources (or those of the modules it uses) changed since the last build.
#
# Usage: bench/fetch-throughput.sh [--maps N] [--reduces N] [--block-size BYTES|Nk|Nm] [--warmup N] [--rounds N]
#                                  [--modes plain,tls] [--per-reduce] [--server-jvm-opts 'OPTS'] [--dir DIR]
#   defaults: 8 maps x 64 reduces x 1m blocks (512 MiB), 8 warm-up + 10 measured rounds, modes plain,tls;
#   --per-reduce fetches one reduce partition at a time (as reduce tasks do) instead of every block at once;
#   --dir is where the temporary map outputs go (default java.io.tmpdir), deleted at the end.
# Environment:
#   BENCH_JVM_OPTS  JVM flags of both JVMs (default -Xmx2g); --server-jvm-opts overrides the server's
#   BENCH_NO_BUILD  set to 1 to run the classes built last time without checking the sources
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # .../bench
root=$(cd "$here/.." && pwd)                          # the repository
jvm_opts=${BENCH_JVM_OPTS:--Xmx2g}

cp_file="$here/target/fetch-classpath.txt"
needs_build() {
  [ -f "$cp_file" ] && [ -f "$here/target/classes/dev/sluice/bench/net/FetchThroughput.class" ] || return 0
  [ "${BENCH_NO_BUILD:-0}" = 1 ] && return 1
  local modules=(api planner network shuffle executor bench)
  local sources=("$root/pom.xml")
  for m in "${modules[@]}"; do sources+=("$root/$m/pom.xml" "$root/$m/src"); done
  [ -n "$(find "${sources[@]}" -type f -newer "$cp_file" -print -quit 2>/dev/null)" ]
}
if needs_build; then
  echo "== building the bench module" >&2
  log=$(mktemp /tmp/sluice-fetch-build.XXXXXX)
  if ! (cd "$root" && mvn -q -o -B -DskipTests -pl bench -am install \
      && mvn -q -o -B dependency:build-classpath -pl bench -DincludeScope=runtime -Dmdep.outputFile="$cp_file") \
      > "$log" 2>&1; then
    cat "$log" >&2
    echo "fetch-throughput.sh: building the bench module failed (log: $log)" >&2
    exit 1
  fi
  rm -f "$log"
  touch "$cp_file"   # build-classpath leaves an unchanged file alone; its time stamps this build
fi

# shellcheck disable=SC2086  # the JVM options are split on purpose
exec java $jvm_opts -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$here/target/classes:$(cat "$cp_file")" \
  dev.sluice.bench.net.FetchThroughput "$@"
