#!/usr/bin/env bash
# Start-up as a user meets it: from launching `bin/forecourt iiif` (and `bin/forecourt run FILE`) to the first answer
# (info.json; for run, the same through the ingress), the CPU the process spent until then (user+sys: the figure to
# trust on a busy machine, where wall-clock waits for the other builds), the process's RSS then (the goal's "RSS after
# start") and after one tile (the figure the issue's baseline was taken at); and
# how long `bin/forecourt check FILE` takes (wall and CPU). Each RUNS times; medians. The summary compares them with
# the figures of issue 17: Cantaloupe 2.7 s / 230 MB, iipsrv 0.1 s / 8 MB.
# Usage: startup.sh [RUNS [SECS]]   (SECS: how long one start may take to answer before it counts as failed; 60)
set -euo pipefail
runs=${1:-5}
secs=${2:-60}
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
run=$(mktemp -d /tmp/forecourt-startup.XXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
. "$(dirname "$0")/startup-sample.sh"
startup_sample "$run" 18299
startup_train "$top" "$run"
first_answer() { # url host -> ms until the first 200, or 99999
  local url=$1 host=$2 t0 t
  t0=$(ms)
  while [ $(( $(ms) - t0 )) -lt $((secs * 1000)) ]; do
    if curl -sf -m 5 -o /dev/null -H "Host: $host" "$url"; then t=$(ms); echo $((t - t0)); return; fi
    sleep 0.01
  done
  echo 99999
}
measure() { # key url host command...
  local key=$1 url=$2 host=$3; shift 3
  : > "$run/$key.first"; : > "$run/$key.cpu"; : > "$run/$key.rss"; : > "$run/$key.rss0"
  for _ in $(seq "$runs"); do
    "$@" > "$run/$key.log" 2>&1 &
    pid=$! # bin/forecourt execs java: the same process
    first_answer "$url" "$host" >> "$run/$key.first"
    cpu_ms "$pid" >> "$run/$key.cpu"
    awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status" >> "$run/$key.rss0"
    curl -sf -m "$secs" -o /dev/null -H "Host: $host" "${url%/info.json}/full/256,/0/default.jpg"
    awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status" >> "$run/$key.rss"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  done
  printf '%-15s first answer %5d ms (CPU %5d ms), RSS then %4d MB, after one tile %4d MB  (medians of %d)\n' \
    "forecourt $key" "$(median < "$run/$key.first")" "$(median < "$run/$key.cpu")" "$(median < "$run/$key.rss0")" \
    "$(median < "$run/$key.rss")" "$runs"
}
measure iiif http://127.0.0.1:18298/iiif/3/sample.png/info.json 127.0.0.1 \
  "$top/bin/forecourt" iiif --images "$run/img" --listen 127.0.0.1:18298 --access-log off
measure run http://127.0.0.1:18299/iiif/3/sample.png/info.json iiif.internal \
  "$top/bin/forecourt" run "$run/run.yaml"
: > "$run/check.wall"; : > "$run/check.cpu"
TIMEFORMAT='%3R %3U %3S'
for _ in $(seq "$runs"); do
  { time "$top/bin/forecourt" check "$run/run.yaml" >/dev/null; } 2> "$run/check.time"
  awk '{print int($1 * 1000)}' "$run/check.time" >> "$run/check.wall"
  awk '{print int(($2 + $3) * 1000)}' "$run/check.time" >> "$run/check.cpu"
done
printf '%-15s %5d ms (CPU %5d ms)  (medians of %d)\n' "forecourt check" "$(median < "$run/check.wall")" \
  "$(median < "$run/check.cpu")" "$runs"
# Ours against the issue's figures: below 1 is better than them.
iiif_first=$(median < "$run/iiif.first"); iiif_rss=$(median < "$run/iiif.rss"); iiif_rss0=$(median < "$run/iiif.rss0")
run_first=$(median < "$run/run.first"); run_rss0=$(median < "$run/run.rss0")
awk -v f="$iiif_first" -v r="$iiif_rss" -v r0="$iiif_rss0" -v rf="$run_first" -v rr0="$run_rss0" 'BEGIN {
  printf "summary: forecourt iiif %.2f s / %d MB after one tile; Cantaloupe 2.7 s / 230 MB: x%.2f time, x%.2f RSS; ", f / 1000, r, f / 2700, r / 230
  printf "iipsrv 0.1 s / 8 MB: x%.1f time, x%.1f RSS\n", f / 100, r / 8
  printf "goal (first answer under 0.5 s, RSS after start under 100 MB): iiif %.2f s / %d MB %s, run %.2f s / %d MB %s;", f / 1000, r0,
    (f < 500 && r0 < 100) ? "met" : "not met", rf / 1000, rr0, (rf < 500 && rr0 < 100) ? "met" : "not met"
  printf " RSS after one tile: iiif %d MB (%s)\n", r, r < 100 ? "under 100" : "not under 100" }'
