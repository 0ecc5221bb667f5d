#!/usr/bin/env bash
# Routing overhead (issue 4): submit-to-dispatch time per job at a fixed offered rate with the instant
# built-in provider. Runs a fresh copy of the built assembly under bench/scratch (git-ignored) on
# loopback and stops it at the end. Usage: bench/routing.sh [RATE] [SECONDS] [USERS]
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-200}
SECONDS_PER_RUN=${2:-30}
USERS=${3:-16}
ASSEMBLY=karaf-assembly/target/assembly
[ -x "$ASSEMBLY/bin/start" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
SCRATCH=bench/scratch/karaf-routing
rm -rf "$SCRATCH" && mkdir -p bench/scratch && cp -r "$ASSEMBLY" "$SCRATCH"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$SCRATCH/etc/org.ops4j.pax.web.cfg"
grep -q "^org.osgi.service.http.port" "$SCRATCH/etc/org.ops4j.pax.web.cfg" || echo "org.osgi.service.http.port = $PORT" >> "$SCRATCH/etc/org.ops4j.pax.web.cfg"
printf 'signup.grant.credits = 1000000000\nplans = free=monthly.credits:0,retention.days:7,max.concurrent.jobs:100000,requests.per.minute:1000000,max.video.seconds:60,max.upload.mb:100\n' > "$SCRATCH/etc/org.aisora.core.plans.cfg"
printf 'workers = 4\n' > "$SCRATCH/etc/org.aisora.core.jobs.cfg"
printf 'accounts.verify.email = false\n' >> "$SCRATCH/etc/org.aisora.core.security.cfg"   # signs up and generates at once
API=http://127.0.0.1:$PORT/api/v1
stop() { "$SCRATCH/bin/stop" >/dev/null 2>&1 || true; }
trap stop EXIT
"$SCRATCH/bin/start"
for _ in $(seq 1 1800); do curl -fsS "$API/health" 2>/dev/null | grep -q '"status":"ok"' && break; sleep 0.1; done
sleep 10
version=$(curl -fsS "$API/policies/privacy" | python3 -c 'import json,sys;print(json.load(sys.stdin)["version"])')
tokens=""
for i in $(seq 1 "$USERS"); do
  curl -fsS -o /dev/null -H 'Content-Type: application/json' "$API/accounts" \
    -d "{\"name\":\"Bench\",\"email\":\"route$i@example.org\",\"password\":\"benchmark password\",\"birthDate\":\"1990-01-01\",\"acceptedPolicyVersion\":\"$version\"}"
  t=$(curl -fsS -H 'Content-Type: application/json' "$API/sessions" \
    -d "{\"email\":\"route$i@example.org\",\"password\":\"benchmark password\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
  tokens="${tokens:+$tokens,}$t"
done
java bench/Routing.java "$API" 50 10 "$tokens" > /dev/null   # warm-up, discarded
java bench/Routing.java "$API" "$RATE" "$SECONDS_PER_RUN" "$tokens" | tee bench/scratch/routing.txt
