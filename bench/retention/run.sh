#!/usr/bin/env bash
# Retention sweep: N expired artifacts (media rows + blob files of the filesystem store) deleted by the
# sweeper, next to one raw SQL DELETE + unlinking the same set, in one run (issue 7's benchmark). Runs the
# RetentionBench class of bundles/core, which the normal build skips. Usage:
#   bench/retention/run.sh [ITEMS=100000] [h2|mariadb] [BATCH=500]
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS=${1:-100000}
DB=${2:-h2}
BATCH=${3:-500}
exec bench/run-test-bench.sh bundles/core RetentionBench retention-$DB -Dbench.db="$DB" -Dbench.items="$ITEMS" \
  -Dbench.batch="$BATCH"
