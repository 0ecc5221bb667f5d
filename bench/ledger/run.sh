#!/usr/bin/env bash
# Ledger throughput: hold+capture pairs per second (p50/p99 per pair) through the real JpaLedgerStore on the
# local MariaDB (127.0.0.1:3306, root, no password; a throwaway schema is created and dropped). Runs the
# LedgerBench class of bundles/persistence, which the normal build skips.
# Usage: bench/ledger/run.sh [SECONDS] [THREADS] [USERS] [mariadb|h2]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
THREADS=${2:-16}
USERS=${3:-$THREADS}
DB=${4:-mariadb}
exec bench/run-test-bench.sh bundles/persistence LedgerBench ledger-$DB -Dbench.db="$DB" \
  -Dbench.seconds="$SECONDS_PER_RUN" -Dbench.threads="$THREADS" -Dbench.users="$USERS"
