#!/usr/bin/env bash
# One Forecourt build against another on the same config, interleaved (the order turned each run): did a change cost
# anything? The ingress of peers/forecourt-ingress.yaml in front of nginx's static origin, 10 KiB, wrk -t2 -c64.
# Prints each build's medians (req/s, p99, server CPU per request), each run's CPU (the spread says how much a median
# can be trusted here: the ingress has been bimodal on this machine) and the ratios NEW/OLD.
# Usage: build-vs-build.sh OLD_JAR NEW_JAR [RUNS] [SECONDS]   (e.g. a jar built in a worktree at the old commit)
set -euo pipefail
old=$1; new=$2; runs=${3:-5}; secs=${4:-8}
here="$(cd "$(dirname "$0")/.." && pwd)"
. "$here/scripts/cpu.sh"; . "$here/scripts/wrk.sh"; export HOST_HEADER=bench.local
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
run=$(mktemp -d /tmp/forecourt-ab.XXXX); chmod 755 "$run"; mkdir -p "$run/bench/www"
head -c 10240 /dev/urandom > "$run/bench/www/obj"
sed "s#@RUN@#$run#g" "$here/peers/nginx-origin.conf" > "$run/nginx-origin.conf"
pids=()
cleanup() { [ -f "$run/nginx-origin.pid" ] && kill "$(cat "$run/nginx-origin.pid")" 2>/dev/null; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
nginx -c "$run/nginx-origin.conf"
start() { # name jar port
  sed "s#127.0.0.1:8084#127.0.0.1:$3#" "$here/peers/forecourt-ingress.yaml" > "$run/$1.yaml"
  "$java" -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dio.netty.leakDetection.level=disabled -jar "$2" run "$run/$1.yaml" > "$run/$1.log" 2>&1 &
  pids+=($!); echo $! > "$run/$1.pid"
  for _ in $(seq 100); do curl -sf -o /dev/null -H 'Host: bench.local' "http://127.0.0.1:$3/obj" && return; sleep 0.2; done
  echo "$1 did not start" >&2; cat "$run/$1.log" >&2; exit 1
}
start old "$old" 8086; start new "$new" 8087
echo "warm-up (JIT) ..." >&2
wrk -t2 -c64 -d10s -H 'Host: bench.local' http://127.0.0.1:8086/obj >/dev/null
wrk -t2 -c64 -d10s -H 'Host: bench.local' http://127.0.0.1:8087/obj >/dev/null
: > "$run/results"
b() { wrk_bench "$1" "http://127.0.0.1:$2/obj" "$secs" "$(cat "$run/$1.pid")" | tee -a "$run/results"; }
for i in $(seq "$runs"); do
  if [ $((i % 2)) = 1 ]; then b old 8086; b new 8087; else b new 8087; b old 8086; fi
done
med() { awk -v n="$1" -v col="$2" '$1==n {print $col}' "$run/results" | median; }
echo
echo "10240 bytes, wrk -t2 -c64 -d${secs}s, ${runs} interleaved runs, medians:"
for n in old new; do printf "  %-4s %10.0f req/s   p99 %7.2f ms   server CPU %6.1f us/req\n" "$n" "$(med $n 2)" "$(med $n 3)" "$(med $n 4)"; done
for n in old new; do echo "  $n runs' CPU us/req, sorted: $(awk -v n=$n '$1==n {print $4}' "$run/results" | sort -g | tr '\n' ' ')"; done
awk -v a="$(med new 2)" -v b="$(med old 2)" -v c="$(med new 3)" -v d="$(med old 3)" -v e="$(med new 4)" -v f="$(med old 4)" \
  'BEGIN {printf "  ratio new/old: throughput %.3f, p99 %.2f, CPU per request %.3f\n", a/b, c/d, e/f}'
