#!/usr/bin/env bash
# A Forecourt link (peers/forecourt-link.yaml) vs HAProxy in TCP mode (peers/haproxy-tcp.cfg), both relaying
# bytes untouched to the same nginx static origin (peers/nginx-origin.conf), interleaved runs, medians of RUNS:
#   (a) keep-alive: wrk -t2 -c64, HTTP/1.1 keep-alive, 10 KiB object: requests/s, p99, server CPU us per request;
#   (b) new connections: the same with 'Connection: close' (every request a new TCP connection through the relay, and
#       a new one from the relay to the origin): requests/s (= connections/s), p99, server CPU us per request;
#   (c) transfer: a 1 GiB object fetched by curl -o /dev/null (STREAMS=N curls at once, each fetching it whole; 1 by
#       default: one curl straight from the origin goes over twice as fast as through either relay here): MB/s and
#       server CPU seconds per GB (MB and GB decimal).
# Server CPU = utime+stime of the server's process (all its threads: the JVM's GC and JIT too; HAProxy's one process)
# over the run. Ratios are printed so that >= 1.0 means Forecourt is ahead: Forecourt/HAProxy for throughput,
# HAProxy/Forecourt for p99 and CPU (lower is better there).
# Usage: link-vs-haproxy.sh [RUNS (3)] [SECONDS (10)]; THREADS=N: Forecourt's event loops and HAProxy's nbthread alike
# (default: one per core); FORECOURT_TRANSPORT=epoll (default io_uring), STREAMS=N, BIG_MIB=N (1024).
# On the 2-core bench machine, where wrk and the origin share the cores, both relays do more with one thread than
# with two (keep-alive, alternated processes: HAProxy 23k vs 19k req/s, Forecourt 28k vs 15k): run THREADS=1 too.
set -euo pipefail
runs=${1:-3}; secs=${2:-10}; threads=${THREADS:-$(nproc)}; streams=${STREAMS:-1}; big_mib=${BIG_MIB:-1024}
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
. "$here/scripts/cpu.sh"; . "$here/scripts/wrk.sh"
for c in haproxy nginx wrk curl; do
  command -v "$c" >/dev/null || { echo "needs haproxy, nginx, wrk and curl: apt-get install -y haproxy nginx wrk curl" >&2; exit 1; }
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # HAProxy checks that its maxconn fits the open-file limit
run=$(mktemp -d /tmp/forecourt-bench.XXXX); chmod 755 "$run"; mkdir -p "$run/bench/www"
head -c 10240 /dev/urandom > "$run/bench/www/obj"
# sparse: the origin's page cache hands out zero pages at little cost; the bytes cross both sockets all the same
truncate -s "${big_mib}M" "$run/bench/www/big"
big_bytes=$((big_mib * 1048576))
sed "s#@RUN@#$run#g" "$here/peers/nginx-origin.conf" > "$run/nginx-origin.conf"
sed "s#@RUN@#$run#g; s#nbthread 2#nbthread $threads#" "$here/peers/haproxy-tcp.cfg" > "$run/haproxy.cfg"

pids=() # every process this script started and must end: haproxy, forecourt, curls
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
cleanup() {
  set +e
  local all=("${pids[@]}") p left i
  [ -f "$run/curl.pids" ] && all+=($(cat "$run/curl.pids"))
  if [ -f "$run/nginx-origin.pid" ]; then
    p=$(cat "$run/nginx-origin.pid"); all+=("$p" $(pgrep -P "$p"))
  fi
  [ ${#all[@]} = 0 ] || kill "${all[@]}" 2>/dev/null
  for i in $(seq 50); do # up to 5 s for them to go, then SIGKILL
    left=(); for p in "${all[@]}"; do alive "$p" && left+=("$p"); done
    [ ${#left[@]} = 0 ] && break; sleep 0.1
  done
  [ ${#left[@]} = 0 ] || kill -9 "${left[@]}" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$run"
}
# On INT or TERM the script exits once the command in the foreground ends (a wrk: at most SECONDS), then cleanup gives
# its processes 5 s before SIGKILL and removes the temp dir.
trap cleanup EXIT
trap 'exit 130' INT TERM

nginx -c "$run/nginx-origin.conf"
"${peer_exec[@]}" haproxy -db -f "$run/haproxy.cfg" > "$run/haproxy.log" 2>&1 &
hp=$!; pids+=("$hp") # -db: in the foreground, one process (no master): $! is the process that relays
jar="$top/forecourt-cli/target/forecourt.jar"
[ -f "$jar" ] || (cd "$top" && ./mvnw -B -q -DskipTests -pl forecourt-cli -am package)
"$top/bin/forecourt" run --threads "$threads" "$here/peers/forecourt-link.yaml" > "$run/forecourt.log" 2>&1 &
fc=$!; pids+=("$fc") # bin/forecourt execs java, so this is the JVM; /proc/PID/stat sums all its threads
ready() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$1/obj"; }
for i in $(seq 600); do # bin/forecourt may rebuild a jar older than the sources first
  ready 8086 && ready 8087 && break
  alive "$fc" || { echo "forecourt did not start:" >&2; cat "$run/forecourt.log" >&2; exit 1; }
  alive "$hp" || { echo "haproxy did not start:" >&2; cat "$run/haproxy.log" >&2; exit 1; }
  [ "$i" = 600 ] && { echo "no answer through haproxy (8086) and forecourt (8087) after 120 s" >&2; exit 1; }
  sleep 0.2
done
hap=http://127.0.0.1:8086; fcu=http://127.0.0.1:8087
# Warm-up: the JIT compiles the connection paths (connect, half-close, close) later than the keep-alive one, and on a
# busy 2-core machine C2 was still taking a third of Forecourt's CPU 3 s into a new-connection run; so rounds of each
# load go on until the compiler threads take under 5% of the JVM's CPU in a round (at most 8 rounds, about 70 s).
echo "warm-up (JIT) ..." >&2
curl -s -o /dev/null --max-time 300 "$fcu/big" || true
for i in $(seq 8); do
  j0=$(jit_ticks "$fc"); f0=$(cpu_ticks "$fc")
  wrk -t2 -c64 -d4s "$fcu/obj" >/dev/null
  wrk -t2 -c64 -d4s -H 'Connection: close' "$fcu/obj" >/dev/null
  j1=$(jit_ticks "$fc"); f1=$(cpu_ticks "$fc")
  share=$(jit_share "$j0" "$j1" "$f0" "$f1")
  echo "  round $i: JIT ${share}% of Forecourt's CPU" >&2
  [ "$share" -lt 5 ] && break
done
wrk -t2 -c64 -d3s "$hap/obj" >/dev/null
wrk -t2 -c64 -d3s -H 'Connection: close' "$hap/obj" >/dev/null
curl -s -o /dev/null --max-time 300 "$hap/big" || true

# xfer NAME URL PID...: STREAMS curls at once each fetching URL whole; prints "NAME xfer MB/s cpu_s_per_GB [short]"
xfer() {
  local name=$1 url=$2; shift 2
  local c0 c1 t0 t1 i got=0 cps=() short=""
  c0=$(cpu_ticks "$@"); t0=$(date +%s%N)
  for i in $(seq "$streams"); do
    curl -sS --max-time 300 -o /dev/null -w '%{size_download}\n' "$url" > "$run/xfer.$i" &
    cps+=($!); echo $! >> "$run/curl.pids" # this runs in a pipeline's subshell: the file tells cleanup
  done
  for i in "${cps[@]}"; do wait "$i" || short="failed"; done
  t1=$(date +%s%N); c1=$(cpu_ticks "$@")
  for i in $(seq "$streams"); do got=$((got + $(cat "$run/xfer.$i" 2>/dev/null || echo 0))); done
  [ "$got" = $((big_bytes * streams)) ] || short="short:$got"
  awk -v b="$got" -v ns=$((t1 - t0)) -v t=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v n="$name" -v s="$short" \
    'BEGIN {printf "%s xfer %.0f %.2f %s\n", n, b / 1e6 / (ns / 1e9), t / hz / (b / 1e9), s}'
}
: > "$run/results"
one() { # one() SERVER TEST
  local url pid
  if [ "$1" = haproxy ]; then url=$hap; pid=$hp; else url=$fcu; pid=$fc; fi
  case $2 in
    ka) wrk_bench "$1" "$url/obj" "$secs" "$pid" | sed 's/^\([a-z]*\) /\1 ka /' ;;
    cc) WRK_HEADER='Connection: close' wrk_bench "$1" "$url/obj" "$secs" "$pid" | sed 's/^\([a-z]*\) /\1 cc /' ;;
    xfer) xfer "$1" "$url/big" "$pid" ;;
  esac | tee -a "$run/results"
}
# The order alternates (HAProxy first on odd runs, Forecourt first on even ones): on this shared machine the second of
# two back-to-back runs measured up to a tenth faster, whichever server it was.
j0=$(jit_ticks "$fc"); f0=$(cpu_ticks "$fc")
for i in $(seq "$runs"); do
  for t in ka cc xfer; do
    if [ $((i % 2)) = 1 ]; then one haproxy $t; one forecourt $t; else one forecourt $t; one haproxy $t; fi
  done
done
j1=$(jit_ticks "$fc"); f1=$(cpu_ticks "$fc")

med() { awk -v n="$1" -v t="$2" -v col="$3" '$1==n && $2==t {print $col}' "$run/results" | median; }
transport=$(grep -o "transport [a-z_]*" "$run/forecourt.log" | head -1 || true)
errors=$(awk '($2 != "xfer" && NF > 5) || ($2 == "xfer" && NF > 4)' "$run/results")
echo
echo "forecourt link (${threads} event loop(s), ${transport:-transport ?}) vs haproxy $(haproxy -v | awk 'NR==1 {print $3}') (mode tcp, nbthread ${threads}), both to nginx"
echo "origin (2 workers); ${runs} interleaved runs, medians; wrk -t2 -c64 -d${secs}s; transfer: ${streams} curl(s) x ${big_mib} MiB"
peer_sched_note
echo "ratio: >= 1.0 means Forecourt ahead (Forecourt/HAProxy for throughput, HAProxy/Forecourt for p99 and CPU)"
{
  printf "%-36s %12s %12s %8s\n" measure haproxy forecourt ratio
  row() { # row LABEL TEST COL higher|lower FORMAT
    local h f; h=$(med haproxy "$2" "$3"); f=$(med forecourt "$2" "$3")
    awk -v l="$1" -v h="$h" -v f="$f" -v w="$4" -v fmt="$5" 'BEGIN {
      r = (h == 0 || f == 0) ? 0 : (w == "higher" ? f / h : h / f)
      printf "%-36s " fmt " " fmt " %8.2f\n", l, h, f, r }'
  }
  row "(a) keep-alive 10 KiB: req/s" ka 3 higher "%12.0f"
  row "(a) keep-alive 10 KiB: p99 ms" ka 4 lower "%12.2f"
  row "(a) keep-alive 10 KiB: CPU us/req" ka 5 lower "%12.1f"
  row "(b) new connection each: req/s" cc 3 higher "%12.0f"
  row "(b) new connection each: p99 ms" cc 4 lower "%12.2f"
  row "(b) new connection each: CPU us/req" cc 5 lower "%12.1f"
  row "(c) ${big_mib} MiB transfer: MB/s" xfer 3 higher "%12.0f"
  row "(c) ${big_mib} MiB transfer: CPU s/GB" xfer 4 lower "%12.2f"
}
awk -v j=$((j1 - j0)) -v f=$((f1 - f0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {
  printf "Forecourt CPU over the measured runs: %.1f s, of which its JIT compiler threads %.1f s (%.0f%%)\n", f / hz, j / hz, f ? 100 * j / f : 0 }'
[ -z "$errors" ] || { echo "runs with errors or short transfers:"; echo "$errors"; }
