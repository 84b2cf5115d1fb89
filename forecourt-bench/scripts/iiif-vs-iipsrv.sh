#!/usr/bin/env bash
# `forecourt iiif` vs Debian's iipsrv behind lighttpd, serving the same 437 interior tiles (256, 512 and 1024 pixel
# regions, 256 wide) of the same 6000x4000 pyramidal TIFF; derivative caches off on both. wrk 2 threads 16
# connections, interleaved runs. Prints tiles/s and server CPU milliseconds per tile (utime+stime of the server's
# processes over tiles served: the JVM; iipsrv's FastCGI processes plus lighttpd), medians, and the ratio.
# A third contender is Forecourt with --no-passthrough (every tile decoded and encoded, as iipsrv does).
# Then the same tiles from a 6000x4000 baseline JPEG (Forecourt only: iipsrv does not read JPEG).
# Usage: iiif-vs-iipsrv.sh [RUNS] [SECONDS]. Needs: apt-get install -y wrk lighttpd iipimage-server python3-numpy
# python3-pil libvips42; ANCHORS (default ../shared/anchors) holds gen_image.py, gen_urls.py and tiles.lua.
set -euo pipefail
runs=${1:-5}; secs=${2:-10}
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
anchors=${ANCHORS:-$top/../shared/anchors}
. "$here/scripts/cpu.sh"
for f in gen_image.py gen_urls.py tiles.lua; do [ -f "$anchors/$f" ] || { echo "no $anchors/$f (set ANCHORS)" >&2; exit 1; }; done
for c in wrk lighttpd /usr/lib/iipimage-server/iipsrv.fcgi; do command -v "$c" >/dev/null || [ -x "$c" ] || { echo "needs $c: apt-get install -y wrk lighttpd iipimage-server" >&2; exit 1; }; done
run=$(mktemp -d /tmp/forecourt-iiif-bench.XXXX); chmod 755 "$run"; mkdir -p "$run/img" "$run/www" "$run/urls"
pids=()
cleanup() { [ -f "$run/lighttpd.pid" ] && { pkill -P "$(cat "$run/lighttpd.pid")" 2>/dev/null; kill "$(cat "$run/lighttpd.pid")" 2>/dev/null; } || true; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
[ -f "$top/forecourt-cli/target/forecourt.jar" ] || (cd "$top" && ./mvnw -B -q -DskipTests install)
echo "making the 6000x4000 test image, its pyramidal TIFF and a baseline JPEG ..." >&2
/usr/bin/python3 "$anchors/gen_image.py" "$run/big.ppm"
"$top/bin/forecourt" iiif convert "$run/big.ppm" "$run/img/big.tif" --tile 256
/usr/bin/python3 -c "from PIL import Image; Image.open('$run/big.ppm').save('$run/img/big.jpg', quality=90)"
rm "$run/big.ppm"
/usr/bin/python3 "$anchors/gen_urls.py" /iiif/2 big.tif 6000 4000 "$run/urls" >/dev/null
/usr/bin/python3 "$anchors/gen_urls.py" /iiif/2 big.jpg 6000 4000 "$run/urls" >/dev/null
sed "s#@RUN@#$run#g" "$here/peers/lighttpd-iipsrv.conf" > "$run/lighttpd.conf"
lighttpd -f "$run/lighttpd.conf"
"$top/bin/forecourt" iiif --images "$run/img" --listen 127.0.0.1:8190 --access-log off --workers 2 > "$run/forecourt.log" 2>&1 &
fc=$!; pids+=("$fc")
"$top/bin/forecourt" iiif --images "$run/img" --listen 127.0.0.1:8192 --access-log off --workers 2 --no-passthrough > "$run/forecourt-decode.log" 2>&1 &
fd=$!; pids+=("$fd")
first=$(head -1 "$run/urls/big.tif.mix.txt")
for i in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:8190$first" && curl -sf -o /dev/null "http://127.0.0.1:8192$first" && curl -sf -o /dev/null "http://127.0.0.1:8191$first" && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:8191$first" || { echo "iipsrv did not answer $first" >&2; cat "$run/lighttpd.err" >&2; exit 1; }
iip_pids() { echo "$(pgrep -P "$(cat "$run/lighttpd.pid")" | tr '\n' ' ') $(cat "$run/lighttpd.pid")"; } # iipsrv.fcgi x2 + lighttpd
bench() { # name port urls pids...
  local name=$1 port=$2 urls=$3; shift 3
  local c0; c0=$(cpu_ticks "$@")
  local out; out=$(wrk -t2 -c16 -d"${secs}s" --latency -s "$anchors/tiles.lua" "http://127.0.0.1:$port" -- "$urls")
  local c1; c1=$(cpu_ticks "$@")
  local rps; rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local reqs; reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  local errs; errs=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr "\n" " " || true)
  local ms; ms=$(awk -v t=$((c1 - c0)) -v n="$reqs" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f", t / hz * 1e3 / n}')
  echo "$name $rps $ms $errs"
}
echo "warm-up ..." >&2
bench warm 8190 "$run/urls/big.tif.mix.txt" "$fc" >/dev/null
bench warm 8191 "$run/urls/big.tif.mix.txt" $(iip_pids) >/dev/null
bench warm 8192 "$run/urls/big.tif.mix.txt" "$fd" >/dev/null
: > "$run/results"
for i in $(seq "$runs"); do
  bench iipsrv 8191 "$run/urls/big.tif.mix.txt" $(iip_pids) | tee -a "$run/results"
  bench forecourt 8190 "$run/urls/big.tif.mix.txt" "$fc" | tee -a "$run/results"
  bench forecourt-decode 8192 "$run/urls/big.tif.mix.txt" "$fd" | tee -a "$run/results"
done
bench warm 8190 "$run/urls/big.jpg.mix.txt" "$fc" >/dev/null
for i in $(seq "$runs"); do
  bench forecourt-jpeg 8190 "$run/urls/big.jpg.mix.txt" "$fc" | tee -a "$run/results"
done
med() { awk -v n="$1" -v col="$2" '$1==n {print $col}' "$run/results" | median; }
echo
echo "437 tiles (mix), 6000x4000, wrk -t2 -c16 -d${secs}s, ${runs} interleaved runs, caches off, medians:"
printf "  iipsrv+lighttpd  pyramidal TIFF  %8.1f tiles/s   server CPU %6.3f ms/tile\n" "$(med iipsrv 2)" "$(med iipsrv 3)"
printf "  forecourt iiif   pyramidal TIFF  %8.1f tiles/s   server CPU %6.3f ms/tile  (stored tiles sent as they are)\n" "$(med forecourt 2)" "$(med forecourt 3)"
printf "  forecourt iiif   pyramidal TIFF  %8.1f tiles/s   server CPU %6.3f ms/tile  (--no-passthrough: decode + encode)\n" "$(med forecourt-decode 2)" "$(med forecourt-decode 3)"
printf "  forecourt iiif   baseline JPEG   %8.1f tiles/s   server CPU %6.3f ms/tile\n" "$(med forecourt-jpeg 2)" "$(med forecourt-jpeg 3)"
awk -v a="$(med forecourt 3)" -v c="$(med forecourt-decode 3)" -v b="$(med iipsrv 3)" 'BEGIN {printf "  ratio forecourt/iipsrv CPU per tile: %.2f (goal <= 1.0); decoding every tile: %.2f\n", a/b, c/b}'
