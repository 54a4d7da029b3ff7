#!/usr/bin/env bash
# Runs the benchmark workloads on Sluice, on the hand-written Java baseline and (with --spark) on
# Apache Spark over the same data, one runner after the other in this session, then prints a
# side-by-side table of wall times, ratios, digest agreement and each runner's peak RSS.
#
# Usage: bench/compare.sh [--spark] DATA_DIR [workload ...]
#   workloads: wordcount aggregate groupby join sort pagerank latency (default: all;
#              the baseline has no latency workload)
#   DATA_DIR:  made by  java ../shared/anchors/datagen/DataGen.java DATA_DIR [scale]  (outside the repo)
# Environment:
#   BENCH_JVM_OPTS  JVM flags of every runner (default -Xmx8g)
#   BENCH_MASTER    master of Sluice and Spark (default local[2]); BENCH_THREADS: baseline threads (default 2)
#   BENCH_ANCHORS   the anchors directory (default ../shared/anchors beside the repository)
# The data files are read once first to warm the page cache, so that no runner alone pays for cold reads.
# Logs of every runner are kept in a /tmp/sluice-compare.* directory, printed at the end.
# Exit status: 0 if every runner succeeded and all digests agree, 1 otherwise, 2 on usage errors.
set -euo pipefail

all_workloads=(wordcount aggregate groupby join sort pagerank latency)
usage() {
  echo "usage: $0 [--spark] DATA_DIR [workload ...]   (workloads: ${all_workloads[*]})" >&2
  exit 2
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # .../bench
root=$(cd "$here/.." && pwd)                          # the repository
anchors_default="$root/../shared/anchors"
anchors=${BENCH_ANCHORS:-$anchors_default}
if [ ! -x "$anchors/baseline/run.sh" ] || [ ! -f "$anchors/spark-bench/run.sh" ]; then
  echo "compare.sh: benchmark anchors not found: expected $anchors/baseline/run.sh and $anchors/spark-bench/run.sh" >&2
  echo "  (the anchors live in ../shared/anchors beside the repository clone; set BENCH_ANCHORS to point elsewhere)" >&2
  exit 2
fi
anchors=$(cd "$anchors" && pwd)

spark=false
positional=()
for arg in "$@"; do
  case "$arg" in
    --spark) spark=true ;;
    -h|--help) usage ;;
    -*) echo "compare.sh: unknown option $arg" >&2; usage ;;
    *) positional+=("$arg") ;;
  esac
done
[ ${#positional[@]} -ge 1 ] || usage
data=${positional[0]}
workloads=("${positional[@]:1}")
[ ${#workloads[@]} -gt 0 ] || workloads=("${all_workloads[@]}")
for w in "${workloads[@]}"; do
  [[ " ${all_workloads[*]} " == *" $w "* ]] || { echo "compare.sh: unknown workload '$w'" >&2; usage; }
done
if [ ! -d "$data" ]; then
  echo "compare.sh: data directory $data does not exist; generate it with" >&2
  echo "  java $anchors/datagen/DataGen.java $data [scale]" >&2
  exit 2
fi
data=$(cd "$data" && pwd)
inputs_of() { # the input directories a workload reads
  case "$1" in
    wordcount) echo words ;; aggregate|groupby) echo pairs ;; join) echo pairs dim ;;
    sort) echo sort ;; pagerank) echo graph ;; latency) ;;
  esac
}
for w in "${workloads[@]}"; do
  for input in $(inputs_of "$w"); do
    if [ ! -d "$data/$input" ]; then
      # checked up front: the baseline runner does not exit when a workload fails
      echo "compare.sh: $w needs $data/$input, which does not exist; generate it with" >&2
      echo "  java $anchors/datagen/DataGen.java $data SCALE $input" >&2
      exit 2
    fi
  done
done

jvm_opts=${BENCH_JVM_OPTS:--Xmx8g}
export BENCH_JVM_OPTS="$jvm_opts"
master=${BENCH_MASTER:-local[2]}
export BENCH_MASTER="$master"

logs=$(mktemp -d /tmp/sluice-compare.XXXXXX)

# ---------------------------------------------------------------- build the Sluice runner if needed
cp_file="$here/target/compare-classpath.txt"
needs_build() {
  [ -f "$cp_file" ] && [ -d "$here/target/classes/dev/sluice/bench" ] || return 0
  local modules=(api planner network shuffle executor driver cluster-manager bench)
  local sources=("$root/pom.xml")
  for m in "${modules[@]}"; do sources+=("$root/$m/pom.xml" "$root/$m/src"); done
  [ -n "$(find "${sources[@]}" -type f -newer "$cp_file" -print -quit 2>/dev/null)" ]
}
if needs_build; then
  echo "== building the bench module" >&2
  if ! (cd "$root" && mvn -q -o -B -DskipTests -pl bench -am install \
      && mvn -q -o -B dependency:build-classpath -pl bench -DincludeScope=runtime -Dmdep.outputFile="$cp_file") \
      > "$logs/build.log" 2>&1; then
    cat "$logs/build.log" >&2
    echo "compare.sh: building the bench module failed (log: $logs/build.log)" >&2
    exit 1
  fi
  touch "$cp_file"   # build-classpath leaves an unchanged file alone; its time stamps this build
fi
classpath="$here/target/classes:$(cat "$cp_file")"

# ---------------------------------------------------------------- run every runner
have_time=true
if [ ! -x /usr/bin/time ]; then
  have_time=false
  echo "compare.sh: /usr/bin/time (GNU time) not found: peak RSS will not be reported" >&2
fi

echo "== warming the page cache with $data" >&2
find "$data" -type f -exec cat {} + > /dev/null

declare -A status
run_runner() { # NAME COMMAND...
  local name=$1; shift
  echo "== $name" >&2
  printf '%q ' "$@" > "$logs/$name.cmd"
  local timer=()
  $have_time && timer=(/usr/bin/time -v -o "$logs/$name.time")
  set +e
  "${timer[@]}" "$@" 2>&1 | tee "$logs/$name.log"
  status[$name]=${PIPESTATUS[0]}
  set -e
  [ "${status[$name]}" -eq 0 ] || echo "== $name exited with status ${status[$name]} (log: $logs/$name.log)" >&2
}

runners=(sluice)
run_runner sluice java $jvm_opts -Dbench.master="$master" -cp "$classpath" dev.sluice.bench.Main "$data" "${workloads[@]}"

baseline_workloads=()
for w in "${workloads[@]}"; do [ "$w" = latency ] || baseline_workloads+=("$w"); done
if [ ${#baseline_workloads[@]} -gt 0 ]; then
  runners+=(baseline)
  run_runner baseline "$anchors/baseline/run.sh" "$data" "${baseline_workloads[@]}"
fi

if $spark; then
  runners+=(spark)
  run_runner spark "$anchors/spark-bench/run.sh" "$data" "${workloads[@]}"
fi

# ---------------------------------------------------------------- the table
# One "runner workload seconds digest" line per RESULT line; latency is its median, in seconds.
results="$logs/results.txt"
for r in "${runners[@]}"; do
  grep -h '^RESULT ' "$logs/$r.log" || true
done | LC_ALL=C awk '{
  runner = $2; workload = $3; value = $4; unit = $5
  rest = $0
  sub(/^RESULT +[^ ]+ +[^ ]+ +[^ ]+ /, "", rest)
  cut = index(rest, "  ")
  digest = cut > 0 ? substr(rest, cut + 2) : ""
  seconds = unit == "ms" ? value / 1000 : value
  if (workload == "latency" && match(digest, /median=[0-9.]+ms/)) {   # Spark: more digits than its seconds field
    seconds = substr(digest, RSTART + 7, RLENGTH - 9) / 1000
  }
  print runner, workload, seconds, digest
}' > "$results"

field() { # RUNNER WORKLOAD FIELD(3=seconds, 4=digest)
  LC_ALL=C awk -v r="$1" -v w="$2" -v f="$3" '$1 == r && $2 == w {
    if (f == 3) { print $3 } else { d = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", d); print d }
    exit }' "$results"
}
show() { # SECONDS WORKLOAD
  if [ -z "$1" ]; then echo "-"
  elif [ "$2" = latency ]; then LC_ALL=C awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'
  else LC_ALL=C awk -v s="$1" 'BEGIN { printf "%.2f", s }'
  fi
}
ratio() {
  if [ -z "$1" ] || [ -z "$2" ]; then echo "-"
  else LC_ALL=C awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'
  fi
}

mismatch=false
echo
printf '%-10s %10s %11s %10s %15s %12s  %s\n' workload "Sluice s" "baseline s" "Spark s" Sluice/baseline Sluice/Spark "digest match"
for w in "${workloads[@]}"; do
  s=$(field sluice "$w" 3); b=$(field baseline "$w" 3); k=$(field spark "$w" 3)
  if [ "$w" = latency ]; then
    match="n/a"   # the runners report different latency details, not a result
  else
    digests=()
    for r in "${runners[@]}"; do
      d=$(field "$r" "$w" 4)
      [ -n "$d" ] && digests+=("$d")
    done
    if [ -z "$(field sluice "$w" 4)" ] || [ ${#digests[@]} -lt 2 ]; then
      match="-"     # nothing to compare Sluice's digest with
    elif [ "$(printf '%s\n' "${digests[@]}" | LC_ALL=C sort -u | wc -l)" -eq 1 ]; then
      match="yes"
    else
      match="no"; mismatch=true
    fi
  fi
  printf '%-10s %10s %11s %10s %15s %12s  %s\n' "$w" "$(show "$s" "$w")" "$(show "$b" "$w")" "$(show "$k" "$w")" \
    "$(ratio "$s" "$b")" "$(ratio "$s" "$k")" "$match"
done

echo
for r in "${runners[@]}"; do
  rss="n/a"
  if $have_time && [ -f "$logs/$r.time" ]; then
    rss=$(LC_ALL=C awk -F': ' '/Maximum resident set size/ { printf "%.2f GB", $2 / 1024 / 1024 }' "$logs/$r.time")
  fi
  printf 'peak RSS %-9s %-10s (exit status %s)\n' "$r" "$rss" "${status[$r]}"
done
echo "JVM options: $jvm_opts; master: $master; data: $data"
if $mismatch; then
  echo "DIGESTS DIFFER: see the RESULT lines in $logs/*.log"
fi
echo "logs: $logs"

failed=false
for r in "${runners[@]}"; do [ "${status[$r]}" -eq 0 ] || failed=true; done
if $failed || $mismatch; then exit 1; fi
