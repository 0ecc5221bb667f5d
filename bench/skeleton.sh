#!/usr/bin/env bash
# Walking-skeleton benchmark: cold boot to a healthy GET /health, idle resident memory, and
# POST /generations throughput and latency next to a trivial endpoint in the same container.
# Runs a fresh copy of the built assembly under bench/scratch (git-ignored), on loopback only,
# and stops it at the end. Usage: bench/skeleton.sh [SECONDS] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
CONCURRENCY=${2:-8}
. bench/distribution.sh
scratch_distribution karaf
# a generous grant so the load never runs out of credits; 4 workers = 2 cores x 2
printf 'signup.grant.credits = 1000000000\nplans = free=monthly.credits:0,retention.days:7,max.concurrent.jobs:100000,requests.per.minute:1000000,max.video.seconds:60,max.upload.mb:100\n' > "$SCRATCH/etc/org.aisora.core.plans.cfg"
printf 'workers = 4\n' > "$SCRATCH/etc/org.aisora.core.jobs.cfg"

t0=$(date +%s.%N)
"$SCRATCH/bin/start"
await_healthy 180
boot=$(echo "$(date +%s.%N) - $t0" | bc)
sleep 20
rss_mb=$(karaf_rss_mb)

version=$(curl -fsS "$API/policies/privacy" | python3 -c 'import json,sys;print(json.load(sys.stdin)["version"])')
tokens=""
for i in $(seq 1 "$CONCURRENCY"); do  # one user per connection: holds on different balance rows
  curl -fsS -o /dev/null -H 'Content-Type: application/json' "$API/accounts" \
    -d "{\"name\":\"Bench\",\"email\":\"bench$i@example.org\",\"password\":\"benchmark password\",\"birthDate\":\"1990-01-01\",\"acceptedPolicyVersion\":\"$version\"}"
  t=$(curl -fsS -H 'Content-Type: application/json' "$API/sessions" \
    -d "{\"email\":\"bench$i@example.org\",\"password\":\"benchmark password\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
  tokens="${tokens:+$tokens,}$t"
done
token=${tokens%%,*}

echo "cold boot to healthy: ${boot} s; idle RSS after boot: ${rss_mb} MB"
java bench/Load.java GET "$API/policies/privacy" "$SECONDS_PER_RUN" "$CONCURRENCY"
load_start=$(date +%s.%N)
java bench/Load.java POST "$API/generations" "$SECONDS_PER_RUN" "$CONCURRENCY" \
  '{"type":"text-to-image","prompt":"benchmark tile {n}","width":256,"height":256}' "$tokens" | tee bench/scratch/submit.txt
# end to end: wait until every user's holds are settled (each job succeeded), then jobs / elapsed time
python3 - "$API" "$tokens" "$load_start" <<'PY'
import json, sys, time, urllib.request
api, tokens, start = sys.argv[1], sys.argv[2].split(","), float(sys.argv[3])
def get(path, token):
    req = urllib.request.Request(api + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req))
deadline = time.time() + 600
while sum(get("/credits?limit=1", t)["reserved"] for t in tokens) > 0 and time.time() < deadline:
    time.sleep(0.5)
done = time.time()
jobs = succeeded = 0
for t in tokens:
    offset = 0
    while True:
        page = get(f"/generations?limit=100&offset={offset}", t)
        jobs += len(page); succeeded += sum(1 for j in page if j["status"] == "succeeded")
        if len(page) < 100: break
        offset += 100
print(f"end to end: {succeeded}/{jobs} jobs succeeded, all settled {done - start:.1f} s after the load began: {succeeded / (done - start):.1f} images/s")
PY
