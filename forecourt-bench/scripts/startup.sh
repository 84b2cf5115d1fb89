#!/usr/bin/env bash
# Start-up as a user meets it: from launching `bin/forecourt iiif` (and `bin/forecourt run FILE`) to the first answer
# (info.json; for run, the same through the ingress), then the process's RSS after one tile; and how long
# `bin/forecourt check FILE` takes. Each RUNS times; medians. Run it on a quiet machine: start-up is CPU-bound.
# Usage: startup.sh [RUNS]. Figures to beat (issue 17): Cantaloupe 2.7 s / 230 MB, iipsrv 0.1 s / 8 MB.
set -euo pipefail
runs=${1:-5}
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
run=$(mktemp -d /tmp/forecourt-startup.XXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
"$top/bin/forecourt" --version >/dev/null # builds the jar (and whatever bin/forecourt prepares) before timing
/usr/bin/python3 - "$run/img/sample.png" <<'PY'
import sys, os, zlib, struct
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
w, h = 1024, 768
rows = b"".join(b"\0" + bytes((x * 7 + y * 3 + c * 50) % 256 for x in range(w) for c in range(3)) for y in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))
PY
cat > "$run/run.yaml" <<YAML
services:
  iiif: {domains: [iiif.internal], app: {iiif: {images: "$run/img"}}}
ingress: {listen: 127.0.0.1:18299, accessLog: off}
YAML
ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
first_answer() { # url host -> ms until the first 200, or 99999
  local url=$1 host=$2 t0 t
  t0=$(ms)
  for _ in $(seq 3000); do
    if curl -sf -o /dev/null -H "Host: $host" "$url"; then t=$(ms); echo $((t - t0)); return; fi
    sleep 0.01
  done
  echo 99999
}
measure() { # name url host command...
  local name=$1 url=$2 host=$3; shift 3
  : > "$run/$name.first"; : > "$run/$name.rss"
  for _ in $(seq "$runs"); do
    "$@" > "$run/$name.log" 2>&1 &
    pid=$!
    first_answer "$url" "$host" >> "$run/$name.first"
    curl -sf -o /dev/null -H "Host: $host" "${url%/info.json}/full/256,/0/default.jpg"
    java_pid=$(pgrep -P "$pid" java || echo "$pid") # bin/forecourt execs java: usually the same pid
    awk '/VmRSS/ {print int($2/1024)}' "/proc/$java_pid/status" >> "$run/$name.rss"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  done
  echo "$name: first answer $(median < "$run/$name.first") ms, RSS after one tile $(median < "$run/$name.rss") MB (median of $runs)"
}
measure "forecourt iiif" http://127.0.0.1:18298/iiif/3/sample.png/info.json 127.0.0.1 \
  "$top/bin/forecourt" iiif --images "$run/img" --listen 127.0.0.1:18298 --access-log off
measure "forecourt run" http://127.0.0.1:18299/iiif/3/sample.png/info.json iiif.internal \
  "$top/bin/forecourt" run "$run/run.yaml"
: > "$run/check"
for _ in $(seq "$runs"); do t0=$(ms); "$top/bin/forecourt" check "$run/run.yaml" >/dev/null; echo $(( $(ms) - t0 )) >> "$run/check"; done
echo "forecourt check: $(median < "$run/check") ms (median of $runs)"
