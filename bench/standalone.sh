#!/usr/bin/env bash
# Runs the benchmark workloads on a standalone cluster on this machine (a master and two workers with one core
# each, started from the built distribution) and on local[2], alternating, on the same data in one session, and
# prints each workload's median time in both modes, their ratio and whether the digests agree.
#
# Usage: bench/standalone.sh DATA_DIR [RUNS] [WORKLOAD...]      (RUNS defaults to 3, workloads to all)
#   Build first:  mvn -DskipTests install   (the distribution and the bench module)
#   DATA_DIR:     java ../shared/anchors/datagen/DataGen.java DATA_DIR [scale]
#   BENCH_JVM_OPTS  JVM flags of the driver (default -Xmx8g); EXECUTOR_MEMORY (default 4g)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
data=${1:?usage: bench/standalone.sh DATA_DIR [RUNS] [WORKLOAD...]}
runs=${2:-3}
shift $(( $# >= 2 ? 2 : 1 ))
workloads=("$@")
jvm_opts=${BENCH_JVM_OPTS:--Xmx8g}
executor_memory=${EXECUTOR_MEMORY:-4g}

home=$(ls -d "$root"/dist/target/sluice-*/sluice-* 2>/dev/null | head -1)
[ -n "$home" ] || { echo "standalone.sh: no distribution under dist/target; run: mvn -DskipTests install" >&2; exit 1; }
cp_file="$here/target/standalone-classpath.txt"
(cd "$root" && mvn -q -o -B dependency:build-classpath -pl bench -DincludeScope=runtime \
    -Dmdep.outputFile="$cp_file" > /dev/null)
classpath="$here/target/classes:$(cat "$cp_file")"

work=$(mktemp -d /tmp/sluice-standalone.XXXXXX)
export SLUICE_CONF_DIR="$work/conf"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

"$home/bin/sluice" master --port 0 --webui-port 0 > "$work/master.out" 2> "$work/master.err" &
pids+=($!)
for _ in $(seq 300); do grep -q "listening at" "$work/master.out" && break; sleep 0.1; done
master=$(grep -o 'sluice://[0-9.:]*' "$work/master.out")
for w in 1 2; do
  "$home/bin/sluice" worker "$master" --cores 1 --memory 10g --work-dir "$work/worker-$w" --webui-port 0 \
      > "$work/worker-$w.out" 2> "$work/worker-$w.err" &
  pids+=($!)
done
for _ in $(seq 300); do
  [ "$(grep -l "Registered with the master" "$work"/worker-*.err 2>/dev/null | wc -l)" -eq 2 ] && break; sleep 0.1
done
echo "== cluster $master (two workers, one core each); logs in $work" >&2

find "$data" -type f -exec cat {} + > /dev/null   # warm the page cache
for run in $(seq "$runs"); do
  for mode in local standalone; do
    echo "== run $run: $mode" >&2
    if [ "$mode" = local ]; then
      options=(-Dbench.master="local[2]")
    else
      options=(-Dbench.master="$master" -Dsluice.auth.secretFile="$SLUICE_CONF_DIR/sluice.secret"
               -Dsluice.executor.memory="$executor_memory")
    fi
    # shellcheck disable=SC2086 # jvm_opts holds several flags
    java $jvm_opts "${options[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" \
        dev.sluice.bench.Main "$data" "${workloads[@]}" 2> "$work/$mode-$run.err" | tee -a "$work/$mode.results"
  done
done

python3 - "$work/local.results" "$work/standalone.results" <<'PY'
import statistics, sys
def read(path):
    times, digests = {}, {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "RESULT":
            times.setdefault(parts[2], []).append(float(parts[3]))
            digests.setdefault(parts[2], set()).add(line.split(" s ", 1)[1].strip())
    return times, digests
lt, ld = read(sys.argv[1]); st, sd = read(sys.argv[2])
print(f"{'workload':<10} {'local[2] s':>11} {'standalone s':>13} {'ratio':>6}  digests")
for name in lt:
    a, b = statistics.median(lt[name]), statistics.median(st.get(name, [float('nan')]))
    same = "equal" if ld[name] == sd.get(name) and len(ld[name]) == 1 else f"DIFFER {ld[name]} {sd.get(name)}"
    print(f"{name:<10} {a:>11.2f} {b:>13.2f} {b / a:>6.2f}  {same}")
PY
