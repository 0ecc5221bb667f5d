#!/usr/bin/env bash
# The documented operations under the shipped heap (bin/setenv), in a fresh copy of the built distribution on
# loopback: feature:install aisora-transcoder-humble (over ssh with a throwaway key), an export of an account
# with 1,000 uploads, and an upload of a video of the largest allowed size (upload.max.bytes, 100 MiB) processed
# to "ready". Fails if any step fails or the log shows an OutOfMemoryError; prints RSS after each step.
# Needs the ffmpeg command line to make the video (Debian: apt-get install -y ffmpeg).
# Usage: bench/abuse/heap.sh [UPLOADS=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
UPLOADS=${1:-1000}
command -v ffmpeg >/dev/null || { echo "missing ffmpeg: apt-get install -y ffmpeg" >&2; exit 1; }
. bench/distribution.sh
scratch_distribution heap
SSH_PORT=$(free_port)
sed -i "s/^sshPort *=.*/sshPort = $SSH_PORT/" "$SCRATCH/etc/org.apache.karaf.shell.cfg"
# a plan whose uploads may be as large as upload.max.bytes and whose rate limit lets 1,000 uploads through
printf 'plans = free=monthly.credits:100,retention.days:7,max.concurrent.jobs:4,requests.per.minute:100000,max.video.seconds:600,max.upload.mb:100,max.storage.mb:4096\n' > "$SCRATCH/etc/org.aisora.core.plans.cfg"
KEY=bench/scratch/heap-key
rm -f "$KEY" "$KEY.pub" && ssh-keygen -q -t rsa -b 2048 -N '' -f "$KEY"
echo "karaf=$(cut -d' ' -f2 "$KEY.pub"),_g_:admingroup" >> "$SCRATCH/etc/keys.properties"
"$SCRATCH/bin/start"
await_healthy
sleep 10
console() { ssh -q -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -p "$SSH_PORT" -i "$KEY" karaf@127.0.0.1 "$1"; }
ooms() { cat "$SCRATCH"/data/log/*.log 2>/dev/null | grep -c OutOfMemoryError || true; }
fail=0
echo "JVM options: ${EXTRA_JAVA_OPTS:-$(sed -n 's/.*EXTRA_JAVA_OPTS:-\(.*\)}"$/\1/p' "$SCRATCH/bin/setenv")}; RSS after boot: $(karaf_rss_mb) MB"

# 1. the humble transcoder (its install wraps a 35 MB native jar); the shell may be refreshed meanwhile
console "feature:install aisora-transcoder-humble" || true
for _ in $(seq 1 60); do console "aisora:plugins" 2>/dev/null | grep -q "humble" && break; sleep 2; done
if console "aisora:plugins" | grep -q "humble"; then echo "ok:   humble installed; RSS $(karaf_rss_mb) MB, OOM $(ooms)"; else echo "MISS: humble not installed"; fail=1; fi

# 2. an account with $UPLOADS uploads, exported
version=$(curl -fsS "$API/policies/privacy" | python3 -c 'import json,sys;print(json.load(sys.stdin)["version"])')
curl -fsS -o /dev/null -H 'Content-Type: application/json' "$API/accounts" -d "{\"name\":\"Heap\",\"email\":\"heap@example.org\",\"password\":\"a long password\",\"birthDate\":\"1990-05-01\",\"acceptedPolicyVersion\":\"$version\"}"
T=$(curl -fsS -H 'Content-Type: application/json' "$API/sessions" -d '{"email":"heap@example.org","password":"a long password"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
PNG=bench/scratch/heap-upload.png
ffmpeg -loglevel error -y -f lavfi -i testsrc=size=256x256 -frames:v 1 "$PNG"
for i in $(seq 1 "$UPLOADS"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" -H 'Content-Type: image/png' --data-binary @"$PNG" "$API/media")
  [ "$code" = 201 ] || { echo "upload $i answered $code"; fail=1; break; }
done
t0=$(date +%s.%N)
code=$(curl -s -o bench/scratch/heap-export.zip -w '%{http_code}' -H "Authorization: Bearer $T" "$API/me/export")
entries=$(python3 -c 'import zipfile,sys;print(sum(1 for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("media/")))' bench/scratch/heap-export.zip 2>/dev/null || echo 0)
if [ "$code" = 200 ] && [ "$entries" -ge "$UPLOADS" ]; then
  echo "ok:   export of $UPLOADS uploads: $entries media entries in $(echo "$(date +%s.%N) - $t0" | bc) s; RSS $(karaf_rss_mb) MB, OOM $(ooms)"
else echo "MISS: export answered $code with $entries media entries"; fail=1; fi

# 3. a video of the largest allowed size (just under 100 MiB), processed to ready
VIDEO=bench/scratch/heap-video.mp4
ffmpeg -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=30 -t 40 -c:v libx264 -preset ultrafast -b:v 19M -maxrate 19M -bufsize 4M "$VIDEO"
size=$(stat -c %s "$VIDEO")
answer=$(curl -s -H "Authorization: Bearer $T" -H 'Content-Type: video/mp4' -T "$VIDEO" -X POST "$API/media")
id=$(echo "$answer" | python3 -c 'import json,sys;print(json.load(sys.stdin).get("id",""))' 2>/dev/null || true)
status=none
for _ in $(seq 1 300); do
  [ -n "$id" ] || break
  status=$(curl -fsS -H "Authorization: Bearer $T" "$API/media/$id" | python3 -c 'import json,sys;print(json.load(sys.stdin)["status"])')
  [ "$status" = processing ] || break
  sleep 2
done
if [ "$status" = ready ]; then echo "ok:   a $((size / 1048576)) MiB video uploaded and processed; RSS $(karaf_rss_mb) MB, OOM $(ooms)"
else echo "MISS: the video ended '$status' ($answer)"; fail=1; fi

n=$(ooms)
if [ "$n" -eq 0 ]; then echo "ok:   0 OutOfMemoryError in the log"; else echo "MISS: $n OutOfMemoryError in the log"; fail=1; fi
exit $fail
