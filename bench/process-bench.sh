#!/usr/bin/env bash
# Whole-process cost of a goal: `mvn dbt:plan` against the embedded emulator (no network, no latency) next to
# `mvn validate` (Maven's own start-up and project model), both in samples/quickstart, each run REPEATS times.
# It runs the dbt-maven-plugin found in the local repository: install this checkout's first
# (./mvnw -B -ntp install -DskipTests), or point -Dmaven.repo.local at a repository that holds it.
# Usage: bench/process-bench.sh [REPEATS] [extra Maven arguments...]   (see docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-5}"
shift || true
mvn=(./mvnw -B -ntp -o -q -f samples/quickstart/pom.xml "$@")

run() { # label, goal...: prints the wall time of each run in ms, one a line
  local label="$1"
  shift
  "${mvn[@]}" "$@" >/dev/null 2>&1 || { echo "$label failed: ${mvn[*]} $*" >&2; exit 1; } # warm the file cache
  for _ in $(seq "$repeats"); do
    local start end
    start=$(date +%s%N)
    "${mvn[@]}" "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done
}

stats() { sort -n | awk '{a[NR]=$1} END {printf "%d / %d / %d", a[1], a[int((NR+1)/2)], a[NR]}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

validate=$(run validate validate)
plan=$(run dbt:plan io.github.dbtcloud:dbt-maven-plugin:0.1.0-SNAPSHOT:plan -Ddbt.baseUrl=embedded)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "mvn validate  ms (min/median/max of $repeats): $(echo "$validate" | stats)"
echo "mvn dbt:plan  ms (min/median/max of $repeats): $(echo "$plan" | stats)"
echo "dbt:plan minus validate, medians: $(($(echo "$plan" | median) - $(echo "$validate" | median))) ms"
