#!/usr/bin/env bash
# Cache hits: Forecourt's distribution vs nginx proxy_cache (and Varnish, if installed), each in front of the same
# nginx static origin, on a 10 KiB, a 200 KiB and a 1 MiB object; wrk 2 threads 64 connections, interleaved runs.
# Prints requests/s, p99, server CPU per request and the ratios Forecourt / nginx. Usage: cache-vs-nginx.sh [RUNS]
# [SECONDS]. FORECOURT_THREADS (default 2) sets Forecourt's event loops (nginx runs the reference 2 workers);
# Forecourt runs the default cache block (memory only), or with CACHE=disk a disk tier as well. PORT_OFFSET (default
# 0) moves every port (8081 origin, 8082 nginx, 8083 Varnish, 8085 Forecourt), for a run beside another script's.
set -euo pipefail
runs=${1:-5}; secs=${2:-10}; threads=${FORECOURT_THREADS:-2}
objects="obj10k obj200k obj1m"
off=${PORT_OFFSET:-0}
ports() { # FILE: it with @RUN@ and the ports filled in
  sed "s#@RUN@#$run#g" "$1" | awk -v off="$off" '{ out = ""; while (match($0, /808[1235]/)) { out = out substr($0, 1, RSTART - 1) (substr($0, RSTART, 4) + off); $0 = substr($0, RSTART + 4) } print out $0 }'
}
config=forecourt-distribution.yaml; [ "${CACHE:-memory}" = disk ] && config=forecourt-distribution-disk.yaml
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
. "$here/scripts/cpu.sh"; . "$here/scripts/wrk.sh"
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk: apt-get install -y nginx wrk" >&2; exit 1; }
run=$(mktemp -d /tmp/forecourt-bench.XXXX); chmod 755 "$run"; mkdir -p "$run/bench/www"
head -c 10240 /dev/urandom > "$run/bench/www/obj10k"
head -c 204800 /dev/urandom > "$run/bench/www/obj200k"
head -c 1048576 /dev/urandom > "$run/bench/www/obj1m"
for c in nginx-origin nginx-cache; do ports "$here/peers/$c.conf" > "$run/$c.conf"; done
ports "$here/peers/varnish-bench.vcl" > "$run/varnish-bench.vcl"
pids=()
cleanup() {
  for c in nginx-origin nginx-cache varnish; do [ -f "$run/$c.pid" ] && kill "$(cat "$run/$c.pid")" 2>/dev/null || true; done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$run"
}
trap cleanup EXIT
nginx -c "$run/nginx-origin.conf"; "${peer_exec[@]}" nginx -c "$run/nginx-cache.conf"
peers="nginx"
if command -v varnishd >/dev/null; then
  "${peer_exec[@]}" varnishd -j none -n "$run/varnish" -a "127.0.0.1:$((8083 + off))" -f "$run/varnish-bench.vcl" -s malloc,256m \
    -P "$run/varnish.pid" >/dev/null
  peers="nginx varnish"
fi
ports "$here/peers/$config" > "$run/forecourt-distribution.yaml"
"$top/bin/forecourt" run --threads "$threads" "$run/forecourt-distribution.yaml" > "$run/forecourt.log" 2>&1 &
fc=$!; pids+=("$fc")
for i in $(seq 900); do curl -sf -o /dev/null "http://127.0.0.1:$((8085 + off))/obj10k" && break; sleep 0.2; done # a build first: minutes
curl -sf -o /dev/null "http://127.0.0.1:$((8085 + off))/obj10k" || { echo "forecourt did not start:" >&2; cat "$run/forecourt.log" >&2; exit 1; }
port() { case $1 in nginx) echo $((8082 + off));; varnish) echo $((8083 + off));; forecourt) echo $((8085 + off));; esac; }
server_pids() { # the processes doing the work: nginx's workers, Varnish's child, the JVM
  case $1 in
    nginx) pgrep -P "$(cat "$run/nginx-cache.pid")" | tr '\n' ' ';;
    varnish) pgrep -P "$(cat "$run/varnish.pid")" | tr '\n' ' ';;
    forecourt) echo "$fc";;
  esac
}
echo "warm-up (fill the caches, JIT) ..." >&2
for s in $peers forecourt; do
  for o in $objects; do curl -sf -o /dev/null "http://127.0.0.1:$(port $s)/$o"; curl -sf -o /dev/null "http://127.0.0.1:$(port $s)/$o"; done
done
sleep 1 # let the caches' disk writes land
wrk -t2 -c64 -d10s "http://127.0.0.1:$(port forecourt)/obj10k" >/dev/null
for o in $objects; do wrk -t2 -c64 -d3s "http://127.0.0.1:$(port forecourt)/$o" >/dev/null; done # each size's path
for s in $peers; do wrk -t2 -c64 -d3s "http://127.0.0.1:$(port $s)/obj10k" >/dev/null; done
for s in $peers forecourt; do
  printf "%-10s %s\n" "$s" "$(curl -sI "http://127.0.0.1:$(port $s)/obj10k" | grep -iE '^(x-cache|x-cache-status|age):' | tr -d '\r' | tr '\n' ' ')" >&2
done
: > "$run/results"
for o in $objects; do
  for i in $(seq "$runs"); do
    # the order turns each run: the later of back-to-back runs measured up to a tenth faster on this shared machine
    order="$peers forecourt"; [ $((i % 2)) = 0 ] && order="forecourt $peers"
    for s in $order; do
      wrk_bench "$s-$o" "http://127.0.0.1:$(port $s)/$o" "$secs" $(server_pids $s) | tee -a "$run/results"
    done
  done
done
med() { awk -v n="$1" -v col="$2" '$1==n {print $col}' "$run/results" | median; }
echo
peer_sched_note
echo "cache hits, wrk -t2 -c64 -d${secs}s, ${runs} interleaved runs, nginx 2 workers, forecourt ${threads} event loop(s), cache ${CACHE:-memory}, medians:"
for o in $objects; do
  for s in $peers forecourt; do
    printf "  %-8s %-10s %10.0f req/s   p99 %7.2f ms   server CPU %6.1f us/req\n" "$o" "$s" "$(med "$s-$o" 2)" "$(med "$s-$o" 3)" "$(med "$s-$o" 4)"
  done
  awk -v a="$(med "forecourt-$o" 2)" -v b="$(med "nginx-$o" 2)" -v c="$(med "forecourt-$o" 4)" -v d="$(med "nginx-$o" 4)" -v o="$o" \
    'BEGIN {printf "  %-8s ratio forecourt/nginx: throughput %.2f (goal >= 1.0), CPU per request %.2f\n", o, a/b, c/d}'
done
