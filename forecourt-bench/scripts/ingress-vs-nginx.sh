#!/usr/bin/env bash
# Forecourt's service ingress vs nginx proxy_pass (upstream keep-alive), both in front of the same nginx static
# origin, 10 KiB object, wrk 2 threads 64 connections, interleaved runs. Prints requests/s, p99, server CPU
# per request, and the ratios (Forecourt / nginx). Usage: ingress-vs-nginx.sh [RUNS] [SECONDS] [SIZE_BYTES]
# Forecourt runs as `bin/forecourt run` does: one event loop per core (FORECOURT_THREADS overrides), on its default
# transport (io_uring where the kernel allows it; FORECOURT_TRANSPORT=epoll compares); nginx runs the reference 2
# workers.
set -euo pipefail
runs=${1:-5}; secs=${2:-10}; size=${3:-10240}; threads=${FORECOURT_THREADS:-$(nproc)}
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
. "$here/scripts/cpu.sh"; . "$here/scripts/wrk.sh"; export HOST_HEADER=bench.local
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk: apt-get install -y nginx wrk" >&2; exit 1; }
run=$(mktemp -d /tmp/forecourt-bench.XXXX); chmod 755 "$run"; mkdir -p "$run/bench/www"
head -c "$size" /dev/urandom > "$run/bench/www/obj"
for c in nginx-origin nginx-proxy; do sed "s#@RUN@#$run#g" "$here/peers/$c.conf" > "$run/$c.conf"; done
pids=()
cleanup() { for c in nginx-origin nginx-proxy; do [ -f "$run/$c.pid" ] && kill "$(cat "$run/$c.pid")" 2>/dev/null || true; done; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
nginx -c "$run/nginx-origin.conf"; "${peer_exec[@]}" nginx -c "$run/nginx-proxy.conf"
[ -f "$top/forecourt-cli/target/forecourt.jar" ] || (cd "$top" && ./mvnw -B -q -DskipTests install)
"$top/bin/forecourt" run --threads "$threads" "$here/peers/forecourt-ingress.yaml" > "$run/forecourt.log" 2>&1 &
fc=$!; pids+=("$fc")
for i in $(seq 50); do curl -sf -o /dev/null -H 'Host: bench.local' http://127.0.0.1:8084/obj && break; sleep 0.2; done
sleep 1
nginx_workers() { pgrep -P "$(cat "$run/nginx-proxy.pid")" | tr '\n' ' '; }
jp=$fc # bin/forecourt execs java, so this is the JVM; /proc/PID/stat sums all its threads
echo "warm-up (JIT) ..." >&2
wrk -t2 -c64 -d10s -H 'Host: bench.local' http://127.0.0.1:8084/obj >/dev/null
wrk -t2 -c64 -d3s -H 'Host: bench.local' http://127.0.0.1:8082/obj >/dev/null
: > "$run/results"
# The order alternates (nginx first on odd runs, Forecourt first on even ones): on this shared machine the second of
# two back-to-back runs measured up to a tenth faster, whichever server it was.
bench_nginx() { wrk_bench nginx http://127.0.0.1:8082/obj "$secs" $(nginx_workers) | tee -a "$run/results"; }
bench_forecourt() { wrk_bench forecourt http://127.0.0.1:8084/obj "$secs" "$jp" | tee -a "$run/results"; }
for i in $(seq "$runs"); do
  if [ $((i % 2)) = 1 ]; then bench_nginx; bench_forecourt; else bench_forecourt; bench_nginx; fi
done
med() { awk -v n="$1" -v col="$2" '$1==n {print $col}' "$run/results" | median; }
n_rps=$(med nginx 2); f_rps=$(med forecourt 2); n_p99=$(med nginx 3); f_p99=$(med forecourt 3); n_cpu=$(med nginx 4); f_cpu=$(med forecourt 4)
echo
transport=$(grep -o "transport [a-z_]*" "$run/forecourt.log" | head -1 || true)
peer_sched_note
echo "object ${size} bytes, wrk -t2 -c64 -d${secs}s, ${runs} interleaved runs, nginx 2 workers, forecourt ${threads} event loop(s) ${transport}, medians:"
printf "  nginx      %10.0f req/s   p99 %7.2f ms   server CPU %6.1f us/req\n" "$n_rps" "$n_p99" "$n_cpu"
printf "  forecourt  %10.0f req/s   p99 %7.2f ms   server CPU %6.1f us/req\n" "$f_rps" "$f_p99" "$f_cpu"
awk -v a="$f_rps" -v b="$n_rps" -v c="$f_p99" -v d="$n_p99" -v e="$f_cpu" -v f="$n_cpu" 'BEGIN {printf "  ratio forecourt/nginx: throughput %.2f (goal >= 1.0), p99 %.2f (goal <= 1.5), CPU per request %.2f\n", a/b, c/d, e/f}'
