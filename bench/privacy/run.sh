#!/usr/bin/env bash
# Export and deletion of one account with N media items (encrypted blobs + rows), the DESIGN.md targets
# (1,000 media: export <= 10 s, deletion <= 5 s). Runs the PrivacyBench class of bundles/core, which the
# normal build skips. Usage: bench/privacy/run.sh [ITEMS=1000] [h2|mariadb] [KIB_PER_ITEM=64]
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS=${1:-1000}
DB=${2:-h2}
KIB=${3:-64}
exec bench/run-test-bench.sh bundles/core PrivacyBench privacy-$DB -Dbench.db="$DB" -Dbench.items="$ITEMS" \
  -Dbench.kib="$KIB"
