# Sourced by startup.sh and startup-ab.sh: what a start is measured on, and how.
# startup_sample DIR PORT: DIR/img/sample.png (a 1024x768 RGB gradient) and DIR/run.yaml (an ingress on 127.0.0.1:PORT
# in front of an iiif app serving DIR/img, as iiif.internal)
startup_sample() {
  /usr/bin/python3 - "$1/img/sample.png" <<'PY'
import sys, os, zlib, struct
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
w, h = 1024, 768
rows = b"".join(b"\0" + bytes((x * 7 + y * 3 + c * 50) % 256 for x in range(w) for c in range(3)) for y in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))
PY
  cat > "$1/run.yaml" <<YAML
services:
  iiif: {domains: [iiif.internal], app: {iiif: {images: "$1/img"}}}
ingress: {listen: 127.0.0.1:$2, accessLog: off}
YAML
}
# startup_train TOP DIR: builds TOP's jar and trains its start-up caches, bin/forecourt's and the verbs' own (iiif's,
# and run's on a platform file: DIR/run.yaml), once, before any timed start
startup_train() {
  "$1/bin/forecourt" --version >/dev/null || { echo "$1/bin/forecourt did not build or train" >&2; return 1; }
  "$1/bin/forecourt" iiif --version >/dev/null 2>&1 || { echo "$1: training iiif's cache failed" >&2; return 1; }
  "$1/bin/forecourt" run "$2/run.yaml" --version >/dev/null 2>&1 \
    || { echo "$1: training run's cache on $2/run.yaml failed" >&2; return 1; }
}
tick_ms=$((1000 / $(getconf CLK_TCK)))
ms() { date +%s%3N; }
cpu_ms() { awk -v t="$tick_ms" '{sub(/.*\) /, ""); print ($12 + $13) * t}' "/proc/$1/stat"; } # utime+stime
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
