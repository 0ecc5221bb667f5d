#!/usr/bin/env bash
# Runs one in-JVM benchmark class (a test class the normal build skips) and prints its result line(s).
# Usage: bench/run-test-bench.sh MODULE CLASS NAME [-Dbench.x=y ...]
#   MODULE: the Maven module (built with -am), CLASS: the bench class, NAME: scratch file name.
# Output: bench/scratch/NAME.txt (the result), bench/scratch/NAME-maven.log (the build, shown on failure).
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=$1 CLASS=$2 NAME=$3
shift 3
mkdir -p bench/scratch
OUT=$PWD/bench/scratch/$NAME.txt
LOG=$PWD/bench/scratch/$NAME-maven.log
rm -f "$OUT"
mvn -o -q -pl "$MODULE" -am test -Dtest="$CLASS" -Dsurefire.failIfNoSpecifiedTests=false \
  -Daisora.requireMariaDb=true -Dbench.out="$OUT" "$@" > "$LOG" 2>&1 || { tail -40 "$LOG" >&2; exit 1; }
cat "$OUT"
