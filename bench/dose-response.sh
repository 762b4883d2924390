#!/usr/bin/env bash
# Dose-response of the cell graph's gain (issue 14): SIGMMA, no-graph and no-sparsification on the same layouts
# (the simulator keeps positions, types and contacts fixed when a strength changes) at several arrangement and meso
# strengths, then SIGMMA's paired differences plotted against the strength. Resumable: re-running reuses every
# finished section and run.
#   bench/dose-response.sh OUT [cells] [seeds]
set -euo pipefail
out="${1:-bench-output/dose-response}"
cells="${2:-30000}"
seeds="${3:-1,2,3}"
here="$(cd "$(dirname "$0")/.." && pwd)"
files=()
for cond in "arrangement 0" "arrangement 0.5" "arrangement 1" "arrangement 2" "meso-strength 0"; do
  set -- $cond
  dir="$out/$1-$2"
  "$here/sigmma" benchmark --out "$dir" --cells "$cells" --seeds "$seeds" --models noGraph,noSparsification,sigmma \
    --"$1" "$2"
  files+=("$dir/benchmark.json")
done
"$here/sigmma" benchmark --out "$out" --dose-response "$(IFS=,; echo "${files[*]}")"
