#!/usr/bin/env bash
# The platform-against-reference benchmark suite (docs/performance.md).
#   bench/run.sh [neighbours|step|parity|all] [extra options of bench/python/bench.py]
# Environment: BENCH_THREADS (default 1: both sides use that many threads), BENCH_PYTHON (default
# /usr/bin/python3, Debian's, with python3-scipy and python3-torch), BENCH_MVN_ARGS (default "-B -q";
# add -o to build offline), BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
what=${1:-all}
shift || true
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
THREADS=${BENCH_THREADS:-1}
PY=${BENCH_PYTHON:-/usr/bin/python3}
MVN_ARGS=${BENCH_MVN_ARGS:--B -q}
CPFILE=model/target/bench-classpath.txt
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  mvn $MVN_ARGS -pl model -am test-compile
fi
if [[ ! -s $CPFILE || pom.xml -nt $CPFILE || model/pom.xml -nt $CPFILE ]]; then
  # shellcheck disable=SC2086
  mvn $MVN_ARGS -pl model dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test
fi
# this checkout's classes first, and never an installed copy of the platform's own modules
CP=""
for m in cypher graph-store ingest model; do
  CP="$CP:$ROOT/$m/target/classes:$ROOT/$m/target/test-classes"
done
DEPS=$(tr ':' '\n' < $CPFILE | grep -v '/org/sigmma/' | paste -sd: -)
CP="${CP#:}:$DEPS"
export OMP_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS
# the malloc settings of the sigmma launcher (see there), for both sides; BENCH_MALLOC=default runs without
if [[ "${BENCH_MALLOC:-platform}" != default ]]; then
  export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-2000000000}"
  export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4000000000}"
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
fi
JAVA_CMD=$(printf '["java", "-Xms2g", "-Xmx6g", "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-cp", "%s"]' "$CP")
echo "bench: $what, $THREADS thread(s), $(nproc) cores, malloc: ${MALLOC_MMAP_THRESHOLD_:-glibc default}, arenas ${MALLOC_ARENA_MAX:-glibc default}; $(uptime)"
[[ $what == spatial ]] && exec "$PY" bench/python/spatial_ref.py run --java "$JAVA_CMD" --threads "$THREADS" "$@"
exec "$PY" bench/python/bench.py "$what" --java "$JAVA_CMD" --threads "$THREADS" "$@"
