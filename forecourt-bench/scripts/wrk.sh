# wrk_bench NAME URL SECONDS PID...: one wrk -t2 -c64 run; prints "NAME req/s p99_ms server_cpu_us_per_req [errors]",
# the CPU being utime+stime of the given server processes over the run. HOST_HEADER, if set, is sent as Host;
# WRK_HEADER, if set, is sent as well (as 'Connection: close', for a new connection each request).
wrk_bench() {
  local name=$1 url=$2 secs=$3; shift 3
  local c0; c0=$(cpu_ticks "$@")
  local out; out=$(wrk -t2 -c64 -d"${secs}s" --latency ${HOST_HEADER:+-H "Host: $HOST_HEADER"} ${WRK_HEADER:+-H "$WRK_HEADER"} "$url")
  local c1; c1=$(cpu_ticks "$@")
  local rps; rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local reqs; reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  local p99; p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  local errs; errs=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr "\n" " " || true)
  local cpu_us; cpu_us=$(awk -v t=$((c1 - c0)) -v n="$reqs" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
  echo "$name $rps $p99 $cpu_us $errs"
}

# "${peer_exec[@]}" COMMAND...: starts a peer (nginx, HAProxy, Varnish) as its package does, or, with PEER_SCHED=batch,
# under chrt -b 0 (Linux's SCHED_BATCH, the policy Forecourt's event loops run under by default): the like-with-like
# figure. chrt execs the command, so $! is the peer's own process.
peer_exec=()
case "${PEER_SCHED:-}" in
  "") ;;
  batch) peer_exec=(chrt -b 0);;
  *) echo "PEER_SCHED=${PEER_SCHED}: only batch is known" >&2; exit 2;;
esac
peer_sched_note() { if [ ${#peer_exec[@]} -gt 0 ]; then echo "the peers under chrt -b 0 (PEER_SCHED=batch)"; fi; }
