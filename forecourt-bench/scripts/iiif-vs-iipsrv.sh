#!/usr/bin/env bash
# `forecourt iiif` vs Debian's iipsrv behind lighttpd, serving the same 437 interior tiles (256, 512 and 1024 pixel
# regions, 256 wide) of the same 6000x4000 image, from three pyramidal TIFFs with 256-pixel JPEG tiles: our own
# `forecourt iiif convert`'s (YCbCr, Q85), and two written by `vips tiffsave --tile --pyramid --compression jpeg`
# (what most people use): at its default Q75 (YCbCr-coded tiles) and with --rgbjpeg (RGB-coded tiles,
# photometric 2, as libvips also writes at Q90 and above). Derivative caches off on both servers, JPEG Q80 on
# both. wrk 2 threads 16 connections, interleaved runs. Prints tiles/s and server CPU milliseconds per tile
# (utime+stime of the server's processes over tiles served: the JVM; iipsrv's FastCGI processes plus lighttpd),
# medians, and the ratios: Forecourt as it runs (whole stored tiles sent as stored) and with --no-passthrough
# (every tile decoded and encoded, as iipsrv does). Then the same tiles from a 6000x4000 baseline JPEG (Forecourt
# only: iipsrv does not read JPEG). Last, output quality: one in five of the tiles from iipsrv and from Forecourt
# with --no-passthrough, each compared with the source region (tile-psnr.py); fails when Forecourt's mean PSNR is
# more than 1% below iipsrv's.
# Usage: iiif-vs-iipsrv.sh [RUNS] [SECONDS]. Needs: apt-get install -y wrk lighttpd iipimage-server python3-numpy
# python3-pil libvips42 libvips-tools libturbojpeg0; ANCHORS (default ../shared/anchors) holds gen_image.py,
# gen_urls.py and tiles.lua.
set -euo pipefail
runs=${1:-5}; secs=${2:-10}
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
anchors=${ANCHORS:-$top/../shared/anchors}
. "$here/scripts/cpu.sh"
for f in gen_image.py gen_urls.py tiles.lua; do [ -f "$anchors/$f" ] || { echo "no $anchors/$f (set ANCHORS)" >&2; exit 1; }; done
for c in wrk lighttpd vips /usr/lib/iipimage-server/iipsrv.fcgi; do command -v "$c" >/dev/null || [ -x "$c" ] || { echo "needs $c: apt-get install -y wrk lighttpd iipimage-server libvips-tools" >&2; exit 1; }; done
run=$(mktemp -d /tmp/forecourt-iiif-bench.XXXX); chmod 755 "$run"; mkdir -p "$run/img" "$run/www" "$run/urls"
pids=()
cleanup() { [ -f "$run/lighttpd.pid" ] && { pkill -P "$(cat "$run/lighttpd.pid")" 2>/dev/null; kill "$(cat "$run/lighttpd.pid")" 2>/dev/null; } || true; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
echo "making the 6000x4000 test image, its three pyramidal TIFFs and a baseline JPEG ..." >&2
/usr/bin/python3 "$anchors/gen_image.py" "$run/big.ppm"
vips copy "$run/big.ppm" "$run/big.png" # convert reads the formats the server serves: PPM is not one
"$top/bin/forecourt" iiif convert "$run/big.png" "$run/img/big.tif" --tile 256 > "$run/convert.log" 2>&1 \
  || { cat "$run/convert.log" >&2; exit 1; } # its progress bar is no use in a bench log
vips tiffsave "$run/big.ppm" "$run/img/vips.tif" --tile --pyramid --compression jpeg --tile-width 256 --tile-height 256
vips tiffsave "$run/big.ppm" "$run/img/vips-rgb.tif" --tile --pyramid --compression jpeg --tile-width 256 \
  --tile-height 256 --rgbjpeg
/usr/bin/python3 -c "from PIL import Image; Image.open('$run/big.ppm').save('$run/img/big.jpg', quality=90)"
pyramids="big.tif vips.tif vips-rgb.tif"
for id in $pyramids big.jpg; do /usr/bin/python3 "$anchors/gen_urls.py" /iiif/2 "$id" 6000 4000 "$run/urls" >/dev/null; done
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
for id in $pyramids; do
  bench warm 8190 "$run/urls/$id.mix.txt" "$fc" >/dev/null
  bench warm 8191 "$run/urls/$id.mix.txt" $(iip_pids) >/dev/null
  bench warm 8192 "$run/urls/$id.mix.txt" "$fd" >/dev/null
done
: > "$run/results"
for i in $(seq "$runs"); do
  for id in $pyramids; do
    bench "iipsrv@$id" 8191 "$run/urls/$id.mix.txt" $(iip_pids) | tee -a "$run/results"
    bench "forecourt@$id" 8190 "$run/urls/$id.mix.txt" "$fc" | tee -a "$run/results"
    bench "forecourt-decode@$id" 8192 "$run/urls/$id.mix.txt" "$fd" | tee -a "$run/results"
  done
done
bench warm 8190 "$run/urls/big.jpg.mix.txt" "$fc" >/dev/null
for i in $(seq "$runs"); do
  bench forecourt-jpeg 8190 "$run/urls/big.jpg.mix.txt" "$fc" | tee -a "$run/results"
done
med() { awk -v n="$1" -v col="$2" '$1==n {print $col}' "$run/results" | median; }
echo
echo "437 tiles (mix), 6000x4000, wrk -t2 -c16 -d${secs}s, ${runs} interleaved runs, caches off, medians:"
for id in $pyramids; do
  printf "  %-13s iipsrv+lighttpd   %8.1f tiles/s   server CPU %6.3f ms/tile\n" "$id" "$(med "iipsrv@$id" 2)" "$(med "iipsrv@$id" 3)"
  printf "  %-13s forecourt iiif    %8.1f tiles/s   server CPU %6.3f ms/tile  (stored tiles sent as they are)\n" "$id" "$(med "forecourt@$id" 2)" "$(med "forecourt@$id" 3)"
  printf "  %-13s forecourt iiif    %8.1f tiles/s   server CPU %6.3f ms/tile  (--no-passthrough: decode + encode)\n" "$id" "$(med "forecourt-decode@$id" 2)" "$(med "forecourt-decode@$id" 3)"
done
printf "  %-13s forecourt iiif    %8.1f tiles/s   server CPU %6.3f ms/tile\n" big.jpg "$(med forecourt-jpeg 2)" "$(med forecourt-jpeg 3)"
echo "ratio forecourt/iipsrv, CPU per tile (goal <= 1.0):"
for id in $pyramids; do
  awk -v id="$id" -v a="$(med "forecourt@$id" 3)" -v c="$(med "forecourt-decode@$id" 3)" -v b="$(med "iipsrv@$id" 3)" \
    'BEGIN {printf "  %-13s passthrough on %.2f   off (decoding every tile) %.2f\n", id, a/b, c/b}'
done
echo "output quality, Forecourt --no-passthrough vs iipsrv (both Q80), PSNR against the source region:"
status=0
for id in $pyramids; do
  mkdir -p "$run/q/$id"; awk 'NR % 5 == 1' "$run/urls/$id.mix.txt" > "$run/q/$id.txt"
  n=0; while read -r u; do
    curl -sf -o "$run/q/$id/iipsrv.$n.jpg" "http://127.0.0.1:8191$u"; curl -sf -o "$run/q/$id/forecourt.$n.jpg" "http://127.0.0.1:8192$u"; n=$((n + 1))
  done < "$run/q/$id.txt"
  printf "  %-13s " "$id"; /usr/bin/python3 "$here/scripts/tile-psnr.py" "$run/big.ppm" "$run/q/$id.txt" "$run/q/$id" iipsrv forecourt || status=1
done
exit $status
