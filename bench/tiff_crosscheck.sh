#!/usr/bin/env bash
# SIGMMA's TIFF reader against tifffile (and libtiff), one slide per compression and layout.
#   bench/tiff_crosscheck.sh [OUT_DIR]     needs python3-tifffile and libtiff-tools (Debian), python3-pil
# Environment: BENCH_PYTHON (default /usr/bin/python3), BENCH_MVN_ARGS (default "-B -q -o"), BENCH_SKIP_BUILD=1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${1:-ingest/target/tiff-crosscheck}
PY=${BENCH_PYTHON:-/usr/bin/python3}
MVN_ARGS=${BENCH_MVN_ARGS:--B -q -o}
CPFILE=ingest/target/tiff-classpath.txt
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  mvn $MVN_ARGS -pl ingest -am test-compile
fi
if [[ ! -s $CPFILE || ingest/pom.xml -nt $CPFILE ]]; then
  # shellcheck disable=SC2086
  mvn $MVN_ARGS -pl ingest dependency:build-classpath -Dmdep.outputFile=target/tiff-classpath.txt -Dmdep.includeScope=test
fi
CP=""
for m in cypher graph-store ingest; do
  CP="$CP:$ROOT/$m/target/classes:$ROOT/$m/target/test-classes"
done
CP="${CP#:}:$(tr ':' '\n' < $CPFILE | grep -v '/org/sigmma/' | paste -sd: -)"
rm -rf "$OUT"
java -Xmx512m -cp "$CP" org.sigmma.ingest.image.tiff.TiffCrossCheck "$OUT"
exec "$PY" bench/python/tiff_crosscheck.py "$OUT"
