#!/usr/bin/env bash
# Cluster bench (issue 14, docs/cluster.md): real distributions on one MariaDB database and one shared blob
# folder, jobs sent to a loopback fake Replicate (bench/cluster/FakeReplicate.java: LATENCY_MS per prediction,
# creates counted per job), clients in bench/cluster/driver.py. Runs, in this order (RUNS selects):
#   C  throughput: JOBS_C jobs on n1 alone, then JOBS_C jobs on n1+n2; the ratio of jobs/s (target >= 1.6)
#   D  config edit under load: JOBS_D jobs on n1+n2; the jobs' PID file (JOBS_CFG) and the routing and
#      analytics settings are edited on both nodes while they run: no repeated vendor call, no failed job
#   A  two-node crash: JOBS jobs round-robin on n1+n2, kill -9 n1 once a quarter are terminal; n2 serves on
#   B  single-node crash: n2 stopped, n1 alone, JOBS_B jobs, kill -9 n1 once a quarter are terminal, restart it
# Every run checks: every job terminal, settled exactly once (one hold, one capture or release), one output
# per succeeded job, vendor creates per job <= 1, each account's balance = start - costs of succeeded jobs,
# aisora:ledger-audit clean; A also that the killed node's running jobs are taken over within 2x the lease. Prints
# PASS/FAIL lines and a summary (bench/scratch/cluster/results.md); exits 1 when a check fails.
# Usage: [ASSEMBLY=karaf-assembly/target/assembly] [RUNS="C D A B"] [JOBS=400] [JOBS_C=200] [JOBS_D=200] [JOBS_B=200]
#        [LATENCY_MS=1000] [WORKERS=4] [LEASE=10] [JOBS_CFG=org.aisora.core.jobs.cfg] bench/cluster/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ASSEMBLY=${ASSEMBLY:-karaf-assembly/target/assembly}
RUNS=${RUNS:-C D A B}
JOBS=${JOBS:-400}
JOBS_C=${JOBS_C:-200}
JOBS_D=${JOBS_D:-200}
JOBS_B=${JOBS_B:-200}
LATENCY_MS=${LATENCY_MS:-1000}
# the shipped default: with 1 s per prediction the workers, not the CPU or the clients, bound a node's rate
WORKERS=${WORKERS:-4}
LEASE=${LEASE:-10}
SCAN_MS=${SCAN_MS:-1000}
USERS=${USERS:-4}
# the PIDs as files in etc/: the jobs' settings, the core's (sign-up grant, plans, analytics) and the plugins'
JOBS_CFG=${JOBS_CFG:-org.aisora.core.jobs.cfg}
PLANS_CFG=${PLANS_CFG:-org.aisora.core.plans.cfg}
NODE_CFG=${NODE_CFG:-org.aisora.core.node.cfg}
ANALYTICS_CFG=${ANALYTICS_CFG:-org.aisora.core.analytics.cfg}
PLUGINS_CFG=${PLUGINS_CFG:-org.aisora.core.plugins.cfg}
DB=${DB:-aisora_cluster_bench}
MYSQL=(mariadb -h127.0.0.1 -uroot -N -B)
[ -x "$ASSEMBLY/bin/start" ] || { echo "build first (mvn -DskipTests install) or set ASSEMBLY" >&2; exit 2; }
. bench/distribution.sh   # free_port

WORK=bench/scratch/cluster
VENDOR_PID=
NODES=(n1 n2)
declare -A DIR HTTP SSH
cleanup() {
  for n in "${NODES[@]}"; do
    [ -n "${DIR[$n]:-}" ] || continue
    local pid; pid=$(node_pid "$n")
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  done
  [ -n "$VENDOR_PID" ] && kill "$VENDOR_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

node_pid() { pgrep -f "karaf.base=$(cd "${DIR[$1]}" && pwd) " | head -1 || true; }
api() { echo "http://127.0.0.1:${HTTP[$1]}/api/v1"; }
set_prop() {  # set_prop FILE KEY VALUE: replaces the key's line or appends one
  local file=$1 key=$2 value=$3
  touch "$file"
  if grep -q "^${key//./\\.} *=" "$file"; then
    python3 - "$file" "$key" "$value" <<'PY'
import re, sys
f, k, v = sys.argv[1:]
s = open(f).read()
s = re.sub(r"(?m)^" + re.escape(k) + r" *=.*$", lambda m: k + " = " + v, s)
open(f, "w").write(s)
PY
  else
    echo "$key = $value" >> "$file"
  fi
}

# make_node NAME: a copy of the assembly with its own ports and data folder, on the shared database and blobs
make_node() {
  local n=$1 d=$WORK/$1
  rm -rf "$d" && cp -r "$ASSEMBLY" "$d" && rm -rf "$d/data"
  DIR[$n]=$d HTTP[$n]=$(free_port) SSH[$n]=$(free_port)
  set_prop "$d/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "${HTTP[$n]}"
  set_prop "$d/etc/org.apache.karaf.shell.cfg" sshPort "${SSH[$n]}"
  set_prop "$d/etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
  if [ -f "$d/etc/org.apache.karaf.management.cfg" ]; then
    set_prop "$d/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$(free_port)"
    set_prop "$d/etc/org.apache.karaf.management.cfg" rmiServerPort "$(free_port)"
  fi
  # the vendor provider instead of the built-in one: every job goes to the fake vendor
  sed -i 's/aisora-provider-builtin\//aisora-provider-replicate\//' "$d/etc/org.apache.karaf.features.cfg"
  echo "karaf=$(cut -d' ' -f2 "$WORK/key.pub"),_g_:admingroup" >> "$d/etc/keys.properties"
  cat > "$d/etc/org.ops4j.datasource-aisora.cfg" <<EOF
osgi.jdbc.driver.class = org.mariadb.jdbc.Driver
url = jdbc:mariadb://127.0.0.1:3306/$DB
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
EOF
  printf 'root = %s\n.master.key = %s\n' "$(cd "$WORK" && pwd)/blobs" "$MASTER_KEY" > "$d/etc/org.aisora.storage.filesystem.cfg"
  set_prop "$d/etc/$NODE_CFG" node.id "$n"
  set_prop "$d/etc/$JOBS_CFG" workers "$WORKERS"
  set_prop "$d/etc/$JOBS_CFG" job.lease.seconds "$LEASE"
  set_prop "$d/etc/$JOBS_CFG" scan.interval.ms "$SCAN_MS"
  # generous credits and plan limits: the limits are not under test (counters are per node today)
  set_prop "$d/etc/$PLANS_CFG" signup.grant.credits 1000000
  set_prop "$d/etc/$PLANS_CFG" plans "free=monthly.credits:0,retention.days:7,max.concurrent.jobs:10000,requests.per.minute:1000000,max.video.seconds:10,max.upload.mb:50"
  set_prop "$d/etc/$PLUGINS_CFG" routing "text-to-image=replicate"
  set_prop "$d/etc/org.aisora.core.security.cfg" signup.max.per.ip 10000
  set_prop "$d/etc/org.aisora.core.security.cfg" signup.max.global 10000
  set_prop "$d/etc/org.aisora.core.security.cfg" accounts.verify.email false
  set_prop "$d/etc/org.aisora.core.moderation.cfg" images.required false
  cat > "$d/etc/org.aisora.providers.replicate-bench.cfg" <<EOF
id = replicate
.api.key = r8_bench_token
base.url = http://127.0.0.1:$VENDOR_PORT
models = text-to-image=bench/fake
allowed.output.hosts = 127.0.0.1
allow.http.outputs = true
max.concurrency = 64
request.timeout.ms = 10000
training.agreement = no-training
EOF
}

start_node() { "${DIR[$1]}/bin/start"; }

# await_ready NAME [LIMIT=240]: until GET /health/ready answers 200
await_ready() {
  local n=$1 limit=${2:-240} start=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$(api "$n")/health/ready")" = 200 ]; do
    sleep 0.5
    if (( SECONDS - start > limit )); then
      echo "$n: not ready in $limit s: $(curl -s "$(api "$n")/health/ready")" >&2; exit 2
    fi
  done
  echo "$n ready on ${HTTP[$n]} after $(( SECONDS - start )) s"
}

stop_node() {
  local n=$1 pid; pid=$(node_pid "$n")
  [ -n "$pid" ] || return 0
  "${DIR[$n]}/bin/stop" >/dev/null 2>&1 || true
  for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

console() {  # console NAME COMMAND: an aisora:* command over the node's ssh port
  ssh -q -o LogLevel=ERROR -p "${SSH[$1]}" -i "$WORK/key" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o BatchMode=yes karaf@127.0.0.1 "$2"
}

FAIL=0
SUMMARY=$WORK/results.md
audit() {  # audit NAME TAG: aisora:ledger-audit on a live node (its commands may be re-registering: 3 tries)
  local out try
  for try in 1 2 3; do
    out=$(console "$1" aisora:ledger-audit 2>&1 | tr -d '\r' || true)
    echo "$out" | grep -q "ledger audit:" && break
    sleep 5
  done
  if echo "$out" | grep -q "ledger audit: OK"; then
    echo "PASS $2: aisora:ledger-audit on $1 (ledger audit: OK)" | tee -a "$WORK/checks.txt"
  else
    echo "FAIL $2: aisora:ledger-audit on $1 ($out)" | tee -a "$WORK/checks.txt"; FAIL=1
  fi
}

# drive TAG NODES JOBS [driver args...]: fresh users, then the run; its result in $WORK/TAG.json
drive() {
  local tag=$1 nodes=$2 jobs=$3; shift 3
  local apis="" n
  for n in $nodes; do apis="$apis${apis:+,}$(api "$n")"; done
  python3 bench/cluster/driver.py users --api "$apis" --tag "$tag" --count "$USERS" --out "$WORK/$tag-users.json"
  python3 bench/cluster/driver.py run --api "$apis" --users "$WORK/$tag-users.json" --tag "$tag" --jobs "$jobs" \
    --vendor "http://127.0.0.1:$VENDOR_PORT" --out "$WORK/$tag.json" "$@" | tee "$WORK/$tag.txt" || FAIL=1
  grep -h "^FAIL\|^PASS" "$WORK/$tag.txt" >> "$WORK/checks.txt" || true
}

# $WORK/crash.sh NAME ORPHANS [restart]: writes the ids of the jobs the node runs (its claims in the database)
# to ORPHANS, kills it with kill -9, and starts it again when asked
# $WORK/edit.sh: the configuration edits of run D on both nodes, while jobs run: the jobs' PID (scan interval,
# workers), an analytics setting (analytics.k, in the core's PID today), the plugins' PID (retry.base.ms) and
# aisora:route over ssh; three seconds later the jobs' PID is edited back
write_edit_script() {
  cat > "$WORK/edit.sh" <<EOF
#!/usr/bin/env bash
set -eu
for d in ${DIR[n1]} ${DIR[n2]}; do
  sed -i -e 's/^scan.interval.ms *=.*/scan.interval.ms = $((SCAN_MS + 500))/' -e 's/^workers *=.*/workers = $((WORKERS > 2 ? WORKERS - 1 : WORKERS + 1))/' \$d/etc/$JOBS_CFG
  touch \$d/etc/$ANALYTICS_CFG; sed -i '/^analytics.k *=/d' \$d/etc/$ANALYTICS_CFG; echo 'analytics.k = 6' >> \$d/etc/$ANALYTICS_CFG
  sed -i '/^retry.base.ms *=/d' \$d/etc/$PLUGINS_CFG; echo 'retry.base.ms = 400' >> \$d/etc/$PLUGINS_CFG
done
ssh -q -p ${SSH[n1]} -i $WORK/key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes \
  karaf@127.0.0.1 'aisora:route text-to-image replicate'
echo "edited: $JOBS_CFG (scan.interval.ms, workers), $ANALYTICS_CFG (analytics.k), $PLUGINS_CFG (retry.base.ms), aisora:route"
sleep 3
for d in ${DIR[n1]} ${DIR[n2]}; do
  sed -i -e 's/^scan.interval.ms *=.*/scan.interval.ms = $SCAN_MS/' -e 's/^workers *=.*/workers = $WORKERS/' \$d/etc/$JOBS_CFG
done
echo "edited back: $JOBS_CFG"
EOF
  chmod +x "$WORK/edit.sh"
}

write_crash_script() {
  cat > "$WORK/crash.sh" <<EOF
#!/usr/bin/env bash
set -eu
${MYSQL[*]} $DB -e "SELECT id FROM jobs WHERE claimed_by='\$1' AND UPPER(status)='RUNNING'" > "\$2"
pid=\$(pgrep -f "karaf.base=\$(cd "$WORK/\$1" && pwd) " | head -1)
kill -9 "\$pid"
echo "kill -9 \$1 (pid \$pid) with \$(wc -l < "\$2") jobs running on it"
if [ "\${3:-}" = restart ]; then sleep 1; "$WORK/\$1/bin/start"; echo "\$1 starting again"; fi
EOF
  chmod +x "$WORK/crash.sh"
}

# --- setup -------------------------------------------------------------------------------------------------
rm -rf "$WORK" && mkdir -p "$WORK/blobs"
: > "$WORK/checks.txt"
ssh-keygen -q -t rsa -b 2048 -N '' -f "$WORK/key"
MASTER_KEY=$(python3 -c 'import os,base64;print(base64.b64encode(os.urandom(32)).decode())')
"${MYSQL[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
VENDOR_PORT=$(free_port)
java bench/cluster/FakeReplicate.java "$VENDOR_PORT" "$LATENCY_MS" > "$WORK/vendor.log" 2>&1 &
VENDOR_PID=$!
for n in "${NODES[@]}"; do make_node "$n"; done
write_crash_script
until curl -fs "http://127.0.0.1:$VENDOR_PORT/summary" >/dev/null; do sleep 0.2; done
echo "assembly $ASSEMBLY ($(stat -c %y "$ASSEMBLY/system" | cut -d. -f1)); database $DB; vendor 127.0.0.1:$VENDOR_PORT, $LATENCY_MS ms per prediction; workers $WORKERS, lease $LEASE s"
start_node n1
await_ready n1   # the first node migrates the database
run_has() { [[ " $RUNS " == *" $1 "* ]]; }

# --- C: throughput, one node then two -----------------------------------------------------------------------
if run_has C; then
  drive C1 n1 "$JOBS_C" --timeout 600 --expect-all-succeeded --no-outage
  audit n1 C1
fi
start_node n2
await_ready n2
if run_has C; then
  drive C2 "n1 n2" "$JOBS_C" --timeout 600 --expect-all-succeeded --no-outage
  audit n2 C2
  RATIO=$(python3 -c "import json;a=json.load(open('$WORK/C1.json'));b=json.load(open('$WORK/C2.json'));print(round(b['jobs_per_second']/a['jobs_per_second'],2))")
  if python3 -c "import sys;sys.exit(0 if $RATIO >= 1.6 else 1)"; then V=PASS; else V=FAIL; FAIL=1; fi
  echo "$V C: two nodes / one node = ${RATIO}x (target >= 1.6)" | tee -a "$WORK/checks.txt"
fi

# --- D: configuration edits under load ----------------------------------------------------------------------
if run_has D; then
  write_edit_script
  drive D "n1 n2" "$JOBS_D" --timeout 600 --expect-all-succeeded --no-outage --event-at-done $((JOBS_D / 10)) --event "$WORK/edit.sh"
  audit n1 D
fi

# --- A: two nodes, kill -9 n1 -----------------------------------------------------------------------------------
if run_has A; then
  KILL="$WORK/crash.sh n1 $WORK/A-orphans.txt"
  drive A "n1 n2" "$JOBS" --timeout 600 --expect-all-succeeded --event-at-done $((JOBS / 4)) --event "$KILL" \
    --watch "$WORK/A-orphans.txt" --lease "$LEASE" --takeover-log "${DIR[n2]}/data/log/karaf.log"
  audit n2 A
fi

# --- B: one node, kill -9 and restart ---------------------------------------------------------------------------
if run_has B; then
  stop_node n2
  if [ -z "$(node_pid n1)" ]; then start_node n1; fi
  await_ready n1
  KILL="$WORK/crash.sh n1 $WORK/B-orphans.txt restart"
  drive B n1 "$JOBS_B" --timeout 600 --expect-all-succeeded --event-at-done $((JOBS_B / 4)) --event "$KILL" \
    --watch "$WORK/B-orphans.txt" --lease "$LEASE"
  audit n1 B
fi

python3 - "$WORK" "$RUNS" > "$SUMMARY" <<'PY'
import json, os, sys
work, runs = sys.argv[1], sys.argv[2].split()
tags = [t for t in ["C1", "C2", "D", "A", "B"] if t.rstrip("12") in runs and os.path.exists(f"{work}/{t}.json")]
counts = lambda d: ", ".join(f"{n} {k}" for k, n in d.items()) or "-"
print("| run | nodes | jobs | outcome | jobs/s | vendor creates / jobs / jobs created twice+ / extra creates | attempts per job (count x jobs) | event | retried answers |")
print("|---|---|---|---|---|---|---|---|---|")
for t in tags:
    r = json.load(open(f"{work}/{t}.json"))
    v = r["vendor"]
    event = "-"
    if "event_after_seconds" in r:
        event = f"at {r['event_after_seconds']} s"
        if "watched_jobs" in r:
            event += f"; {r['watched_jobs']} jobs running on the killed node"
            if "takeover_after_event_seconds" in r:
                event += f", taken over within {r['takeover_after_event_seconds']} s"
            event += f", all ended {r.get('watched_terminal_after_event_seconds', 'never')} s after the kill"
    outcome = counts(r["statuses"]) + (f" (errors: {counts(r['errors'])})" if r["errors"] else "")
    attempts = ", ".join(f"{k} x {n}" for k, n in r["attempts_per_job"].items())
    print(f"| {t} | {r['nodes']} | {r['jobs']} | {outcome} | {r.get('jobs_per_second', '-')} | "
          f"{v['creates']} / {v['jobs']} / {v['duplicated_jobs']} / {v['duplicate_creates']} | {attempts} | {event} | "
          f"{counts(r.get('retried_answers_during_run') or {})} |")
PY
echo
cat "$SUMMARY"
echo
cat "$WORK/checks.txt"
echo "all runs: $SECONDS s"
grep -q "^FAIL" "$WORK/checks.txt" && FAIL=1
exit $FAIL
