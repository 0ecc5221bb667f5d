#!/usr/bin/env bash
# Media benchmark: the Java transcoders vs the ffmpeg command line at the same settings, and thumbnail
# throughput on 12-megapixel JPEGs. Measures only (no pass/fail). Installs nothing: it needs the reactor
# installed in the local Maven repository (mvn -DskipTests install at the top) and the ffmpeg command line
# (Debian: apt-get install -y ffmpeg). Scratch media (input clip, outputs, JPEGs) goes to bench/scratch
# (git-ignored); the Markdown report is printed and appended to bench/scratch/media-results.md.
#
# Usage: bench/transcode/run.sh [-Dbench.runs=5] [-Dbench.cases=480:1200,720:2500] [-Dbench.thumbs=20]
#        [-Dbench.only=transcode|thumbnails] [-Dbench.humble=false] ...   (see MediaBench's Javadoc)
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=bench/transcode
SCRATCH=bench/scratch

missing=""
for tool in ffmpeg ffprobe; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
if [ -n "$missing" ]; then
  echo "missing:$missing — install the Debian package first: apt-get install -y ffmpeg" >&2
  exit 1
fi
for tool in java mvn; do command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool" >&2; exit 1; }; done

# Compile, and copy the dependencies into target/lib: the JVM then reads private copies, so a concurrent
# `mvn install` elsewhere that rewrites ~/.m2 cannot swap a jar under the running benchmark.
rm -rf "$BENCH/target/lib"
mvn -q -f "$BENCH/pom.xml" compile dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib
if ls "$BENCH"/target/lib/org.aisora.transcoders.humble-*.jar >/dev/null 2>&1; then
  echo "HumbleTranscoder: included" >&2
else
  echo "HumbleTranscoder: not in the local Maven repository, not measured" >&2
fi

mkdir -p "$SCRATCH"
# a fixed heap so that GC sizing does not vary between runs; JavaCPP unpacks its natives to ~/.javacpp/cache
exec java -Xms1g -Xmx1g \
  -Dbench.scratch="$SCRATCH" -Dbench.report="$SCRATCH/media-results.md" \
  "$@" \
  -cp "$BENCH/target/classes:$BENCH/target/lib/*" org.aisora.bench.transcode.MediaBench
