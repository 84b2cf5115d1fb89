#!/usr/bin/env bash
# Forecourt's API role vs nginx doing the same, both in front of the same nginx static origin: the route
# ANY /api/{proxy+} with overwrite:path "/$request.path.proxy", one header appended ($context.requestId) and the
# access log on, to a file (peers/forecourt-api.yaml), against nginx's rewrite + proxy_set_header x-api-request
# $request_id + access_log (peers/nginx-api.conf); and the same route behind a JWT authorizer (RS256, a token made by
# dev.forecourt.bench.JwtToken, the same one on every request: the authorizer's cache of verified tokens is what is
# measured). Every request to every server carries that token (nginx and the plain route pass it on as any header),
# so the requests are the same bytes and the JWT cell measures the authorizer alone, not ~700 more bytes per request
# (TOKEN_EVERYWHERE=0: only the JWT route's requests carry it, as before). 1 KiB and 10 KiB objects, wrk 2 threads
# 64 connections, interleaved runs (the order turns each run); medians of requests/s, p99 and server CPU per request;
# ratios printed so that >= 1.0 means Forecourt ahead.
# Usage: [THREADS=N] [FORECOURT_TRANSPORT=epoll] api-vs-nginx.sh [RUNS] [SECONDS]; THREADS sets Forecourt's event
# loops and the nginx proxy's workers alike (default one per core; the origin keeps its 2 workers).
set -euo pipefail
runs=${1:-5}; secs=${2:-10}; threads=${THREADS:-$(nproc)}; everywhere=${TOKEN_EVERYWHERE:-1}
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
. "$here/scripts/cpu.sh"; . "$here/scripts/wrk.sh"
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk: apt-get install -y nginx wrk" >&2; exit 1; }
# bin/forecourt builds its jar when missing; the token maker is in this module. Packaged and its class path written
# in one reactor, where the sibling modules resolve to their fresh jars (nothing installed: on a fresh clone the local
# repository has none of them, and a class path asked for alone fails). Each module writes the file; bench goes last.
if [ ! -f "$here/target/classes/dev/forecourt/bench/JwtToken.class" ] || [ ! -f "$here/target/classpath.txt" ]; then
  (cd "$top" && ./mvnw -B -q -DskipTests package dependency:build-classpath -pl forecourt-bench -am \
    -Dmdep.outputFile="$here/target/classpath.txt" >/dev/null)
fi
run=$(mktemp -d /tmp/forecourt-bench.XXXX); chmod 755 "$run"; mkdir -p "$run/bench/www"
head -c 1024 /dev/urandom > "$run/bench/www/obj1k"; head -c 10240 /dev/urandom > "$run/bench/www/obj10k"
sed "s#@RUN@#$run#g" "$here/peers/nginx-origin.conf" > "$run/nginx-origin.conf"
sed "s#@RUN@#$run#g; s#^worker_processes 2;#worker_processes $threads;#" "$here/peers/nginx-api.conf" > "$run/nginx-api.conf"
sed "s#@RUN@#$run#g" "$here/peers/forecourt-api.yaml" > "$run/forecourt-api.yaml"
token=$("$JAVA_HOME/bin/java" -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" dev.forecourt.bench.JwtToken \
  "$run/jwks.json" https://idp.bench/ bench-api)
pids=()
cleanup() { for c in nginx-origin nginx-api; do [ -f "$run/$c.pid" ] && kill "$(cat "$run/$c.pid")" 2>/dev/null || true; done; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
nginx -c "$run/nginx-origin.conf"; "${peer_exec[@]}" nginx -c "$run/nginx-api.conf"
"$top/bin/forecourt" run --threads "$threads" "$run/forecourt-api.yaml" > "$run/forecourt.log" 2>&1 &
fc=$!; pids+=("$fc")
auth="Authorization: Bearer $token"
plain=; [ "$everywhere" = 1 ] && plain=$auth # what the requests to nginx and the plain route carry
for i in $(seq 100); do curl -sf -o /dev/null http://127.0.0.1:8085/api/obj1k && break; sleep 0.2; done
for port in 8085 8087; do curl -sf -o /dev/null "http://127.0.0.1:$port/api/obj10k" || { echo "no 200 from :$port" >&2; cat "$run/forecourt.log" >&2; exit 1; }; done
curl -sf -o /dev/null -H "$auth" http://127.0.0.1:8086/api/obj10k || { echo "no 200 from the JWT route" >&2; curl -si -H "$auth" http://127.0.0.1:8086/api/obj10k >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8086/api/obj10k)" = 401 ] || { echo "the JWT route let a request without a token in" >&2; exit 1; }
nginx_workers() { pgrep -P "$(cat "$run/nginx-api.pid")" | tr '\n' ' '; }
jp=$fc # bin/forecourt execs java, so this is the JVM; /proc/PID/stat sums all its threads
# Warm-up: rounds of every route and object until the JVM's compiler threads take under 5% of its CPU in a round (at
# most 8 rounds, about 100 s), as link-vs-haproxy.sh does: C2 was still taking ~10% of Forecourt's CPU 20 s into a
# run (perf), and what is compared is the routes' steady state (start-up has a script of its own).
echo "warm-up (JIT) ..." >&2
for i in $(seq 8); do
  j0=$(jit_ticks "$jp"); f0=$(cpu_ticks "$jp")
  for obj in obj1k obj10k; do
    wrk -t2 -c64 -d3s ${plain:+-H "$plain"} "http://127.0.0.1:8085/api/$obj" >/dev/null
    wrk -t2 -c64 -d3s -H "$auth" "http://127.0.0.1:8086/api/$obj" >/dev/null
  done
  j1=$(jit_ticks "$jp"); f1=$(cpu_ticks "$jp")
  share=$(jit_share "$j0" "$j1" "$f0" "$f1")
  echo "  round $i: JIT ${share}% of Forecourt's CPU" >&2
  [ "$share" -lt 5 ] && break
done
for obj in obj1k obj10k; do wrk -t2 -c64 -d2s "http://127.0.0.1:8087/api/$obj" >/dev/null; done
j0=$(jit_ticks "$jp"); f0=$(cpu_ticks "$jp")
bench() { # NAME OBJ
  case $1 in
    nginx) WRK_HEADER="$plain" wrk_bench nginx "http://127.0.0.1:8087/api/$2" "$secs" $(nginx_workers) ;;
    forecourt) WRK_HEADER="$plain" wrk_bench forecourt "http://127.0.0.1:8085/api/$2" "$secs" "$jp" ;;
    forecourt-jwt) WRK_HEADER="$auth" wrk_bench forecourt-jwt "http://127.0.0.1:8086/api/$2" "$secs" "$jp" ;;
  esac
}
servers=(nginx forecourt forecourt-jwt)
for obj in obj1k obj10k; do
  : > "$run/results-$obj"
  # the order turns each run: on this shared machine the later of back-to-back runs measured up to a tenth faster
  for i in $(seq "$runs"); do
    for k in 0 1 2; do
      s=${servers[$(( (i + k) % 3 ))]}
      bench "$s" "$obj" | tee -a "$run/results-$obj" | sed "s/^/  $obj /" >&2
    done
  done
done
j1=$(jit_ticks "$jp"); f1=$(cpu_ticks "$jp")
grep -q . "$run/forecourt-api-access.log" && grep -q . "$run/nginx-api-access.log" || { echo "an access log stayed empty" >&2; exit 1; }
transport=$(grep -o "transport [a-z_]*" "$run/forecourt.log" | head -1 || true)
echo
echo "ANY /api/{proxy+} (path rewritten, one header added, access log to a file), wrk -t2 -c64 -d${secs}s, ${runs} interleaved runs,"
echo "the bearer token on $([ "$everywhere" = 1 ] && echo "every request" || echo "the JWT route's requests only"),"
echo "nginx ${threads} worker(s), forecourt ${threads} event loop(s) ${transport}, medians:"
peer_sched_note
for obj in obj1k obj10k; do
  med() { awk -v n="$1" -v col="$2" '$1==n {print $col}' "$run/results-$obj" | median; }
  echo " ${obj#obj}:"
  for s in "${servers[@]}"; do
    printf "  %-14s %10.0f req/s   p99 %7.2f ms   server CPU %6.1f us/req\n" "$s" "$(med "$s" 2)" "$(med "$s" 3)" "$(med "$s" 4)"
  done
  awk -v a="$(med forecourt 2)" -v b="$(med nginx 2)" -v c="$(med forecourt 3)" -v d="$(med nginx 3)" \
      -v e="$(med forecourt 4)" -v f="$(med nginx 4)" -v g="$(med forecourt-jwt 2)" -v h="$(med forecourt-jwt 4)" 'BEGIN {
    printf "  forecourt vs nginx (>= 1.0: forecourt ahead): throughput %.2f, p99 %.2f, CPU per request %.2f\n", a/b, d/c, f/e
    printf "  jwt route vs plain route: throughput %.2f (goal >= 0.9), CPU per request %.2f\n", g/a, e/h }'
done
awk -v t=$((f1 - f0)) -v j=$((j1 - j0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {
  printf "Forecourt CPU over the measured runs: %.1f s, of which its JIT compiler threads %.1f s (%.0f%%)\n", t / hz, j / hz, t ? 100 * j / t : 0 }'
