#!/usr/bin/env bash
# Reloads under load: wrk -c32 through the ingress and through a distribution at once while the configuration file
# is changed and reloaded (SIGHUP) every 2 s; prints each wrk's totals, where "Non-2xx" and "Socket errors" lines
# appear only if there were any (the goal is none). Usage: reload-under-load.sh [SECONDS]   (needs wrk)
set -euo pipefail
secs=${1:-20}
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
run=$(mktemp -d /tmp/forecourt-reload.XXXX)
cat > "$run/forecourt.yaml" <<'YAML'
resolve:
  echo.internal: 127.0.0.1:19500
services:
  echo:
    domains: [echo.internal]
    instances: [{app: {echo: {}}}]
ingress:
  listen: 127.0.0.1:19500
  server: envoy
  accessLog: off
distributions:
  web:
    listen: 127.0.0.1:19580
    origins:
      app: {domain: echo.internal, protocolPolicy: http-only, httpPort: 19500}
    defaultBehavior: {origin: app, cachePolicy: CachingDisabled, originRequestPolicy: AllViewerExceptHostHeader}
    accessLog: off
YAML
"$top/bin/forecourt" run "$run/forecourt.yaml" > "$run/forecourt.log" 2>&1 &
fc=$!
trap 'kill $fc 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$run"' EXIT
for i in $(seq 150); do curl -sf -o /dev/null -H 'Host: echo.internal' http://127.0.0.1:19500/ && break; sleep 0.2; done
wrk -t1 -c32 -d"${secs}s" -H 'Host: echo.internal' http://127.0.0.1:19500/ > "$run/ingress.txt" 2>&1 &
w1=$!
wrk -t1 -c32 -d"${secs}s" http://127.0.0.1:19580/ > "$run/distribution.txt" 2>&1 &
w2=$!
reloads=0
while kill -0 $w1 2>/dev/null; do
  sleep 2
  kill -0 $w1 2>/dev/null || break
  if grep -q 'server: envoy' "$run/forecourt.yaml"; then sed -i 's/server: envoy/server: forecourt/' "$run/forecourt.yaml"
  else sed -i 's/server: forecourt/server: envoy/' "$run/forecourt.yaml"; fi
  kill -HUP $fc; reloads=$((reloads + 1))
done
wait $w1 $w2
echo "reloads sent: $reloads, applied: $(grep -c 'configuration reloaded' "$run/forecourt.log")"
for t in ingress distribution; do
  echo "$t: $(grep -E 'requests in' "$run/$t.txt" | xargs)"
  grep -E 'Non-2xx|Socket errors' "$run/$t.txt" || echo "$t: no non-2xx, no socket errors"
done
