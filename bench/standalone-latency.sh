#!/usr/bin/env bash
# Two latencies of a standalone cluster on this machine (a master and three workers with one core each, from the
# built distribution, sluice.worker.timeout=5s):
#   1. submit -> first task: from starting `bin/sluice submit` (client mode, the examples' WordCount on the
#      sample text, two executors of one core) to the first "Running task" line of an executor; RUNS times.
#   2. worker death -> job running again: WordCount over TEXT (large enough to run for several seconds) with
#      --total-executor-cores 2, so one worker is spare; once both executors run tasks, one of their workers is
#      killed (SIGKILL). Reported: when the driver declares its executor lost, when the first re-run attempt of a
#      lost task starts, when the master declares the worker dead, and when the replacement executor on the
#      spare worker starts its first task.
# Usage: bench/standalone-latency.sh TEXT [RUNS]     (build first: mvn -DskipTests install)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
text=${1:?usage: bench/standalone-latency.sh TEXT [RUNS]}
runs=${2:-5}
home=$(ls -d "$root"/dist/target/sluice-*/sluice-* 2>/dev/null | head -1)
[ -n "$home" ] || { echo "no distribution under dist/target; run: mvn -DskipTests install" >&2; exit 1; }
examples=$(ls "$home"/examples/sluice-examples-*.jar)
work=$(mktemp -d /tmp/sluice-latency.XXXXXX)
export SLUICE_CONF_DIR="$work/conf"
stamps="-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"
settings=(--conf sluice.worker.timeout=5s --conf sluice.executor.heartbeatTimeout=5s)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

SLUICE_JAVA_OPTS="$stamps" "$home/bin/sluice" master --port 0 --webui-port 0 "${settings[@]}" > "$work/master.out" 2> "$work/master.err" &
pids+=($!)
for _ in $(seq 300); do grep -q "listening at" "$work/master.out" && break; sleep 0.1; done
master=$(grep -o 'sluice://[0-9.:]*' "$work/master.out")
for w in 1 2 3; do
  "$home/bin/sluice" worker "$master" --cores 1 --memory 6g --work-dir "$work/worker-$w" --webui-port 0 \
      "${settings[@]}" > "$work/worker-$w.out" 2> "$work/worker-$w.err" &
  pids+=($!)
done
for _ in $(seq 300); do
  [ "$(grep -l "Registered with the master" "$work"/worker-*.err 2>/dev/null | wc -l)" -eq 3 ] && break; sleep 0.1
done

now() { date +%H:%M:%S.%N | cut -c1-12; }
seconds() { python3 -c "import sys; h,m,s=sys.argv[1].split(':'); print(int(h)*3600+int(m)*60+float(s))" "$1"; }
first_task() { # DIR: the earliest "Running task" time stamp of the executors' logs under DIR
  grep -h "Running task" "$1"/worker-*/*/*/stderr 2>/dev/null | awk '{print $1}' | sort | head -1
}

echo "== submit -> first task ($runs runs)"
for run in $(seq "$runs"); do
  rm -rf "$work"/worker-*/WordCount-*
  start=$(now)
  SLUICE_JAVA_OPTS="$stamps" "$home/bin/sluice" submit --master "$master" "${settings[@]}" --total-executor-cores 2 \
      --conf "sluice.executor.javaOptions=$stamps" --class dev.sluice.examples.WordCount "$examples" \
      "$home/examples/data/sample.txt" 3 > /dev/null 2> "$work/submit-$run.err"
  end=$(now)
  first=$(first_task "$work")
  python3 -c "import sys; s,f,e=map(float,sys.argv[1:]); print(f'run $run: first task {f-s:.3f} s after submit started; submit took {e-s:.3f} s')" \
      "$(seconds "$start")" "$(seconds "$first")" "$(seconds "$end")"
done

echo "== worker death -> job running again (sluice.worker.timeout=5s)"
rm -rf "$work"/worker-*/WordCount-*
SLUICE_JAVA_OPTS="$stamps" "$home/bin/sluice" submit --master "$master" "${settings[@]}" --total-executor-cores 2 \
    --conf "sluice.executor.javaOptions=$stamps" --class dev.sluice.examples.WordCount "$examples" "$text" 3 \
    > "$work/long.out" 2> "$work/long.err" &
submit=$!
for _ in $(seq 600); do
  [ "$(grep -l "Running task" "$work"/worker-*/WordCount-*/*/stderr 2>/dev/null | wc -l)" -ge 2 ] && break; sleep 0.05
done
sleep 1
busy=($(ls -d "$work"/worker-*/WordCount-* | sed 's|.*/worker-\([0-9]\)/.*|\1|' | sort -u))
victim=${busy[0]}
spare=$(for w in 1 2 3; do [[ " ${busy[*]} " == *" $w "* ]] || echo "$w"; done)
killed=$(now)
kill -9 "${pids[$victim]}"
wait "$submit" || { echo "the job failed: see $work/long.err" >&2; exit 1; }
lost=$(grep "Lost executor" "$work/long.err" | head -1 | awk '{print $1}')
rerun=$(grep -h "Running task [0-9]*\.[1-9]" "$work"/worker-*/WordCount-*/*/stderr | awk '{print $1}' | sort | head -1)
removed=$(grep "Removing worker" "$work/master.err" | head -1 | awk '{print $1}')
replaced=$(grep -h "Running task" "$work/worker-$spare"/WordCount-*/*/stderr | awk '{print $1}' | sort | head -1)
python3 - "$(seconds "$killed")" "$(seconds "$lost")" "$(seconds "$rerun")" "$(seconds "$removed")" \
    "$(seconds "$replaced")" <<'PY'
import sys
k, lost, rerun, removed, replaced = map(float, sys.argv[1:])
print(f"after the kill: executor declared lost by the driver {lost - k:.3f} s; first re-run attempt started "
      f"{rerun - k:.3f} s; worker declared dead by the master {removed - k:.3f} s; replacement executor's first "
      f"task {replaced - k:.3f} s")
PY
echo "the job's output: $(tail -3 "$work/long.out" | tr '\n' ' ')"
echo "logs: $work"
