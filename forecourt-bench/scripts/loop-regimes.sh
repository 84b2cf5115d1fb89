#!/usr/bin/env bash
# How the event loops spend a proxied request, run by run, in ONE Forecourt process: the API route of
# peers/forecourt-api.yaml (plain, 1 KiB, access log on) in front of the nginx origin, RUNS runs of wrk -t2 -c64 in a
# row after a warm-up. Per run: requests/s, p99 ms, the process's CPU us a request, its context switches a request,
# and the event loops' (threads forecourt-N-M) voluntary switches (their sleeps), user and system us a request.
# Made to see why the *-vs-*.sh cells swing on a shared 2-core machine: with two loops the CPU a request is bimodal
# from run to run (about 16..20 us when the loops seldom sleep, 28..37 us when they sleep about once a request), and
# the user time rises with the system time (session 15's note).
# The loops run under SCHED_BATCH by default (docs/configuration.md, "Running"); FORECOURT_LOOP_SCHEDULING=normal runs
# them under the default policy, as before session 21. The last line names the policy the loops ran under.
# Usage: [FORECOURT_LOOP_SCHEDULING=normal] loop-regimes.sh [RUNS (8)] [SECONDS (6)]; THREADS=N sets the event loops
# (default one per core).
set -euo pipefail
runs=${1:-8}; secs=${2:-6}; threads=${THREADS:-$(nproc)}
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
. "$here/scripts/cpu.sh"; . "$here/scripts/wrk.sh"
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk: apt-get install -y nginx wrk" >&2; exit 1; }
run=$(mktemp -d /tmp/forecourt-bench.XXXX); chmod 755 "$run"; mkdir -p "$run/bench/www"
head -c 1024 /dev/urandom > "$run/bench/www/obj1k"
sed "s#@RUN@#$run#g" "$here/peers/nginx-origin.conf" > "$run/nginx-origin.conf"
sed "s#@RUN@#$run#g" "$here/peers/forecourt-api.yaml" | sed '/^  jwt:/,$d' > "$run/api.yaml" # the plain route alone
fc=""
cleanup() {
  [ -n "$fc" ] && kill "$fc" 2>/dev/null
  [ -f "$run/nginx-origin.pid" ] && kill "$(cat "$run/nginx-origin.pid")" 2>/dev/null
  wait 2>/dev/null || true; rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
nginx -c "$run/nginx-origin.conf"
"$top/bin/forecourt" run --threads "$threads" "$run/api.yaml" > "$run/forecourt.log" 2>&1 &
fc=$! # bin/forecourt execs java: this is the JVM
for i in $(seq 600); do
  curl -sf -o /dev/null --max-time 2 http://127.0.0.1:8085/api/obj1k && break
  [ "$i" = 600 ] && { echo "forecourt did not answer:" >&2; cat "$run/forecourt.log" >&2; exit 1; }
  sleep 0.2
done
url=http://127.0.0.1:8085/api/obj1k
wrk -t2 -c64 -d10s "$url" >/dev/null # warm-up
# loops: "voluntary utime stime" summed over the event loop threads
loops() {
  local t v=0 u=0 s=0
  for t in /proc/"$fc"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in forecourt-[0-9]*-[0-9]*)
      v=$((v + $(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status")))
      read -r ut st < <(sed 's/.*) //' "$t/stat" | awk '{print $12, $13}')
      u=$((u + ut)); s=$((s + st));;
    esac
  done
  echo "$v $u $s"
}
switches() { cat /proc/"$fc"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s}'; }
hz=$(getconf CLK_TCK)
printf '%-4s %9s %8s %9s %9s %11s %9s %9s\n' run req/s p99_ms cpu_us sw/req loop_sleeps user_us sys_us
for i in $(seq "$runs"); do
  read -r v0 u0 s0 < <(loops); w0=$(switches)
  r=$(wrk_bench forecourt "$url" "$secs" "$fc")
  read -r v1 u1 s1 < <(loops); w1=$(switches)
  awk -v i="$i" -v r="$r" -v secs="$secs" -v w=$((w1 - w0)) -v v=$((v1 - v0)) -v u=$((u1 - u0)) -v s=$((s1 - s0)) \
    -v hz="$hz" 'BEGIN { split(r, f, " "); n = f[2] * secs
      printf "%-4s %9.0f %8.2f %9.1f %9.2f %11d %9.1f %9.1f\n", i, f[2], f[3], f[4], w / n, v, u / hz * 1e6 / n, s / hz * 1e6 / n }'
done
policy=$(for t in /proc/"$fc"/task/*; do # stat field 41: the policy (0 normal, 3 batch); threads may end meanwhile
  case "$(cat "$t/comm" 2>/dev/null)" in forecourt-[0-9]*-[0-9]*) sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $39}';; esac
done | sort -u | sed 's/^0$/normal/; s/^3$/batch/' | paste -sd, -) || policy=unknown
echo "forecourt $(grep -o 'transport [a-z_]*, [0-9]* event loops' "$run/forecourt.log" | head -1) (loops scheduled ${policy}); wrk -t2 -c64 -d${secs}s, 1 KiB"
