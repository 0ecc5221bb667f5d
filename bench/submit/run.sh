#!/usr/bin/env bash
# Submit path against the stack's own ceiling (issue 14, DESIGN.md §4): in ONE run per database, the trivial
# endpoint GET /plans and POST /generations (64x64 text-to-image; rate and concurrency limits lifted by the
# plan; the submitted jobs execute meanwhile on the same cores), each measured twice: with bench/Load.java
# (16 connections, one user each) and with `ab -k -c 16 -t SECONDS` (one user for every connection, as the
# issue measured). Before each trivial measurement the job backlog is left to drain, so no trivial figure
# is taken while the node is busier than during the submits.
# Runs a fresh copy of the built assembly (bench/distribution.sh) on H2, then on a throwaway MariaDB database
# on 127.0.0.1:3306 (root, no password; created and dropped here).
# Prints the four ratios per database; exits 1 when any is below 30 %.
# Usage: bench/submit/run.sh [SECONDS=8] [DATABASES="h2 mariadb"] [ASSEMBLY=karaf-assembly/target/assembly]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-8}
DATABASES=${2:-h2 mariadb}
ASSEMBLY=${3:-karaf-assembly/target/assembly}
CONNECTIONS=16
TARGET=30
command -v ab >/dev/null || { echo "ab is missing: apt-get install -y apache2-utils" >&2; exit 2; }
. bench/distribution.sh
mkdir -p bench/scratch
RESULTS=bench/scratch/submit-results.txt
: > "$RESULTS"
BODY='{"type":"text-to-image","prompt":"benchmark tile","width":64,"height":64}'
printf '%s' "$BODY" > bench/scratch/submit-body.json

# start_copy NAME DB: a fresh copy of ASSEMBLY under bench/scratch/NAME (no data folder, a free HTTP port) on DB
start_copy() {
  local name=$1 db=$2
  [ -x "$ASSEMBLY/bin/start" ] || { echo "no built assembly at $ASSEMBLY" >&2; exit 2; }
  SCRATCH=bench/scratch/$name
  rm -rf "$SCRATCH" && cp -r "$ASSEMBLY" "$SCRATCH" && rm -rf "$SCRATCH/data"
  PORT=$(free_port)
  local web="$SCRATCH/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$web"
  grep -q "^org.osgi.service.http.port" "$web" || echo "org.osgi.service.http.port = $PORT" >> "$web"
  API=http://127.0.0.1:$PORT/api/v1
  trap stop_all EXIT
  # limits lifted: credits for every submission, rate and concurrency caps out of reach
  printf 'signup.grant.credits = 1000000000\nplans = free=monthly.credits:0,retention.days:7,max.concurrent.jobs:1000000,requests.per.minute:1000000,max.video.seconds:60,max.upload.mb:100\n' \
    > "$SCRATCH/etc/org.aisora.core.plans.cfg"
  # the bench signs up its 16 users from one address, and generates at once (no e-mail verification)
  printf 'signup.max.per.ip = 1000\nsignup.max.global = 1000\naccounts.verify.email = false\n' \
    > "$SCRATCH/etc/org.aisora.core.security.cfg"
  if [ "$db" = mariadb ]; then
    DB_NAME=aisora_bench_$$
    mariadb -uroot -h127.0.0.1 -e "CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
    cat > "$SCRATCH/etc/org.ops4j.datasource-aisora.cfg" <<CFG
osgi.jdbc.driver.class = org.mariadb.jdbc.Driver
url = jdbc:mariadb://127.0.0.1:3306/$DB_NAME
user = root
password =
dataSourceName = aisora
osgi.jndi.service.name = aisora
pool = dbcp2
xa = false
pool.maxTotal = 16
pool.minIdle = 1
pool.maxWaitMillis = 10000
pool.testOnBorrow = true
CFG
  else
    DB_NAME=
  fi
  "$SCRATCH/bin/start"
  await_healthy 240
  # /health says ok before every resource is published, and a first boot may still refresh bundles (the REST
  # application then answers 404 for a while): wait for readiness, then for 10 s of unbroken answers
  local start=$SECONDS ok=0
  until (( ok >= 20 )); do
    if curl -fsS -o /dev/null "$API/health/ready" && curl -fsS -o /dev/null "$API/policies/privacy" \
        && curl -fsS -o /dev/null "$API/plans"; then ok=$((ok + 1)); else ok=0; fi
    sleep 0.5
    if (( SECONDS - start > 300 )); then echo "not steadily ready in 300 s" >&2; exit 1; fi
  done
}

stop_all() {
  stop_distribution
  # bin/stop returns before the JVM is gone: wait for it, then drop the throwaway database
  local pid
  pid=$(pgrep -f "karaf.base=$(cd "$SCRATCH" 2>/dev/null && pwd)" | head -1 || true)
  for _ in $(seq 1 100); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && sleep 0.2 || break; done
  if [ -n "${DB_NAME:-}" ]; then mariadb -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $DB_NAME" || true; fi
}

# users N: signs up N bench users and sets TOKENS (comma-separated bearer tokens)
users() {
  local version t
  version=$(curl -fsS "$API/policies/privacy" | python3 -c 'import json,sys;print(json.load(sys.stdin)["version"])')
  TOKENS=""
  for i in $(seq 1 "$1"); do
    curl -fsS -o /dev/null -H 'Content-Type: application/json' "$API/accounts" \
      -d "{\"name\":\"Bench\",\"email\":\"bench$i@example.org\",\"password\":\"benchmark password\",\"birthDate\":\"1990-01-01\",\"acceptedPolicyVersion\":\"$version\"}"
    t=$(curl -fsS -H 'Content-Type: application/json' "$API/sessions" \
      -d "{\"email\":\"bench$i@example.org\",\"password\":\"benchmark password\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
    TOKENS="${TOKENS:+$TOKENS,}$t"
  done
}

# drained: waits (up to 10 min) until no bench user has credits reserved, i.e. every submitted job has settled
drained() {
  python3 - "$API" "$TOKENS" <<'PY'
import json, sys, time, urllib.request
api, tokens = sys.argv[1], sys.argv[2].split(",")
def reserved(t):
    req = urllib.request.Request(api + "/credits?limit=1", headers={"Authorization": "Bearer " + t})
    return json.load(urllib.request.urlopen(req))["reserved"]
deadline = time.time() + 600
while sum(reserved(t) for t in tokens) > 0:
    if time.time() > deadline: sys.exit("jobs did not drain in 10 min")
    time.sleep(0.5)
PY
}

# own METHOD PATH [BODY] [TOKENS]: bench/Load.java; prints its line, sets RATE (2xx per second) and NON2XX
own() {
  local out
  # no empty arguments: Load.java would send an empty bearer token (401) for an empty token list
  local args=("$1" "$API$2" "$SECONDS_PER_RUN" "$CONNECTIONS")
  if [ -n "${3:-}" ]; then args+=("$3" "${4:-}"); fi
  out=$(java bench/Load.java "${args[@]}")
  echo "  Load.java: $out"
  RATE=$(sed -E 's/.* ([0-9.]+) req\/s.*/\1/' <<<"$out")
  NON2XX=$(sed -E 's/.* ([0-9]+) non-2xx.*/\1/' <<<"$out")
}

# abrun PATH [TOKEN]: ab -k -c 16 -t SECONDS (a GET, or a POST of BODY with TOKEN); sets RATE (2xx per second),
# NON2XX and P99 (ms). ab's "Length" failures are not errors: it counts every body whose length differs from
# the first one's (chunked answers), so only non-2xx answers and connect, receive and exception failures count.
abrun() {
  local out args=(-k -c "$CONNECTIONS" -t "$SECONDS_PER_RUN" -n 10000000 -q)
  if [ -n "${2:-}" ]; then args+=(-p bench/scratch/submit-body.json -T application/json -H "Authorization: Bearer $2"); fi
  out=$(ab "${args[@]}" "$API$1" 2>&1)
  local complete non2xx secs broken
  complete=$(awk '/^Complete requests:/{print $3}' <<<"$out")
  non2xx=$(awk '/^Non-2xx responses:/{print $3}' <<<"$out"); non2xx=${non2xx:-0}
  broken=$(sed -nE 's/.*\(Connect: ([0-9]+), Receive: ([0-9]+), Length: [0-9]+, Exceptions: ([0-9]+)\).*/\1 \2 \3/p' <<<"$out" \
    | awk '{print $1 + $2 + $3}'); broken=${broken:-0}
  secs=$(awk '/^Time taken for tests:/{print $5}' <<<"$out")
  P99=$(awk '/^  99%/{print $2}' <<<"$out")
  RATE=$(python3 -c "print(round(($complete - $non2xx - $broken) / $secs, 1))")
  NON2XX=$((non2xx + broken))
  echo "  ab -k -c $CONNECTIONS -t $SECONDS_PER_RUN $1: $complete complete, $NON2XX non-2xx or broken, $RATE 2xx/s, p99 ${P99} ms"
}

status=0
for db in $DATABASES; do
  echo "== $db =="
  start_copy "submit-$db" "$db"
  users "$CONNECTIONS"
  one=${TOKENS%%,*}
  java bench/Load.java GET "$API/plans" 3 "$CONNECTIONS" >/dev/null  # JIT warm-up of both paths, discarded
  java bench/Load.java POST "$API/generations" 3 "$CONNECTIONS" "$BODY" "$TOKENS" >/dev/null
  drained

  echo "  load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  own GET /plans; own_trivial=$RATE; own_bad=$NON2XX
  own POST /generations "$BODY" "$TOKENS"; own_submit=$RATE; own_bad=$((own_bad + NON2XX))
  drained
  abrun /plans; ab_trivial=$RATE; ab_bad=$NON2XX
  abrun /generations "$one"; ab_submit=$RATE; ab_bad=$((ab_bad + NON2XX))
  drained
  echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

  for pair in "Load.java:$own_submit:$own_trivial:$own_bad" "ab:$ab_submit:$ab_trivial:$ab_bad"; do
    IFS=: read -r client submit trivial bad <<<"$pair"
    pct=$(python3 -c "print(round(100 * $submit / $trivial, 1) if $trivial > 0 else 0)")
    verdict=met
    if python3 -c "import sys; sys.exit(0 if $submit * 100 >= $TARGET * $trivial and $bad == 0 else 1)"; then :; else
      verdict=MISSED; status=1
    fi
    line="$db $client: POST /generations $submit req/s / GET /plans $trivial req/s = $pct % (target >= $TARGET %; $bad non-2xx in both): $verdict"
    echo "$line" | tee -a "$RESULTS"
  done
  stop_all
  trap - EXIT
done
echo "--"
cat "$RESULTS"
exit $status
