#!/usr/bin/env bash
# Builds AiSora Platform and starts it in the foreground on its embedded defaults:
# H2 in the Karaf data folder, local file storage, the built-in offline provider, manual payments.
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests install
KARAF=karaf-assembly/target/assembly
PORT=$(sed -n 's/^org.osgi.service.http.port *= *//p' "$KARAF/etc/org.ops4j.pax.web.cfg" 2>/dev/null | head -1)
cat <<INFO

  AiSora Platform is starting.
    REST API : http://localhost:${PORT:-8181}/api/v1   (try: curl http://localhost:${PORT:-8181}/api/v1/health)
    Console  : this terminal, at the karaf@root()> prompt (try: aisora:plugins); ssh by key, see README
    Data     : $KARAF/data   (H2 database, blobs, logs)
    Stop     : type  shutdown -f  (or Ctrl-D)

INFO
exec "$KARAF/bin/karaf"
