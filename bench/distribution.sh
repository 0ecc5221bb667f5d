# Sourced by the benchmark scripts that run the real distribution: a fresh copy of the built assembly under
# bench/scratch (git-ignored), on a free loopback port, stopped when the script exits.

free_port() {
  python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}

# scratch_distribution NAME: copies the assembly (without a data folder) to bench/scratch/NAME on a free HTTP
# port; sets SCRATCH, PORT and API, and stops it when the script exits.
scratch_distribution() {
  local assembly=karaf-assembly/target/assembly
  [ -x "$assembly/bin/start" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
  SCRATCH=bench/scratch/$1
  rm -rf "$SCRATCH" && mkdir -p bench/scratch && cp -r "$assembly" "$SCRATCH" && rm -rf "$SCRATCH/data"
  PORT=$(free_port)
  local web="$SCRATCH/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $PORT/" "$web"
  grep -q "^org.osgi.service.http.port" "$web" || echo "org.osgi.service.http.port = $PORT" >> "$web"
  API=http://127.0.0.1:$PORT/api/v1
  # benches sign up and generate at once: addresses count as verified at sign-up (no notifier to mail codes)
  echo "accounts.verify.email = false" >> "$SCRATCH/etc/org.aisora.core.security.cfg"
  trap stop_distribution EXIT
}

stop_distribution() {
  "$SCRATCH/bin/stop" >/dev/null 2>&1 || true
}

# await_healthy [LIMIT_SECONDS=180]: waits until GET /health says ok; exits 1 past the limit.
await_healthy() {
  local limit=${1:-180} start=$SECONDS
  until curl -fsS "$API/health" 2>/dev/null | grep -q '"status":"ok"'; do
    sleep 0.1
    if (( SECONDS - start > limit )); then echo "no healthy answer in $limit s" >&2; exit 1; fi
  done
}

# karaf_rss_mb: the resident memory of the running copy, MB ("?" when it is not running).
karaf_rss_mb() {
  local pid
  pid=$(pgrep -f "karaf.base=$(cd "$SCRATCH" && pwd)" | head -1 || true)
  if [ -n "$pid" ]; then echo $(( $(ps -o rss= -p "$pid") / 1024 )); else echo "?"; fi
}
