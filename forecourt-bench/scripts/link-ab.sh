#!/usr/bin/env bash
# Two Forecourt links side by side, each started with its own environment (a transport, JVM options), in front of
# the same nginx origin: wrk runs alternated between them (the order turning each run), keep-alive and new connections,
# 10 KiB; medians of requests/s, p99 and each process's CPU per request. B may also be another checkout's build
# (B_TOP: its top folder, bin/forecourt builds it on first use): a change to the link measured against what it changed.
# With LINK_TLS=1 both links end TLS (an NLB TLS listener, a self-signed certificate made here) and wrk speaks https:
# what a link's TLS costs, one build's against another's.
# LOADS="cc" runs only the new-connection load (or "ka" only keep-alive): more runs of the one that a change is about
# in the same time (a 5 s run of either swings by a tenth from one to the next on the 2-core machine).
# Usage: [B_TOP=DIR] [LINK_TLS=1] [LOADS="ka cc"] link-ab.sh RUNS SECONDS "ENV_A" "ENV_B"
#   e.g. link-ab.sh 6 5 FORECOURT_TRANSPORT=io_uring FORECOURT_TRANSPORT=epoll
#        link-ab.sh 6 5 "" "JDK_JAVA_OPTIONS=-Dsome.flag=1"
#        git worktree add /tmp/before HEAD~1 && B_TOP=/tmp/before link-ab.sh 6 5 "" ""
set -euo pipefail
runs=${1:?runs}; secs=${2:?seconds}; envA=${3-}; envB=${4-}; loads=${LOADS:-ka cc}
[ -n "${loads// /}" ] || { echo "LOADS: ka and/or cc, not nothing" >&2; exit 2; }
for t in $loads; do case $t in ka|cc) ;; *) echo "LOADS: ka and/or cc, not '$t'" >&2; exit 2 ;; esac; done
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"; topB="${B_TOP:-$top}"
. "$here/scripts/cpu.sh"; . "$here/scripts/wrk.sh"
for c in nginx wrk curl; do command -v "$c" >/dev/null || { echo "needs nginx, wrk and curl" >&2; exit 1; }; done
run=$(mktemp -d /tmp/forecourt-link-ab.XXXX); chmod 755 "$run"; mkdir -p "$run/bench/www"
head -c 10240 /dev/urandom > "$run/bench/www/obj"
sed "s#@RUN@#$run#g" "$here/peers/nginx-origin.conf" > "$run/nginx-origin.conf"
cp "$here/peers/forecourt-link.yaml" "$run/a.yaml"
scheme=http
if [ "${LINK_TLS:-}" = 1 ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=link.bench \
    -addext subjectAltName=DNS:link.bench -keyout "$run/key.pem" -out "$run/cert.pem" 2>/dev/null
  printf '    tls: {certificates: [{cert: %s, key: %s}]}\n' "$run/cert.pem" "$run/key.pem" >> "$run/a.yaml"
  scheme=https
fi
sed "s#127.0.0.1:8087#127.0.0.1:8088#" "$run/a.yaml" > "$run/b.yaml"
a=""; b=""
cleanup() { set +e; kill $a $b 2>/dev/null; [ -f "$run/nginx-origin.pid" ] && kill "$(cat "$run/nginx-origin.pid")"; wait 2>/dev/null; rm -rf "$run"; }
trap cleanup EXIT
nginx -c "$run/nginx-origin.conf"
env $envA "$top/bin/forecourt" run "$run/a.yaml" > "$run/a.log" 2>&1 & a=$!
env $envB "$topB/bin/forecourt" run "$run/b.yaml" > "$run/b.log" 2>&1 & b=$!
for i in $(seq 300); do
  curl -ksf -o /dev/null $scheme://127.0.0.1:8087/obj && curl -ksf -o /dev/null $scheme://127.0.0.1:8088/obj && break
  [ "$i" = 300 ] && { echo "the links did not answer; logs:" >&2; cat "$run/a.log" "$run/b.log" >&2; exit 1; }
  sleep 0.3
done
for port in 8087 8088; do # warm-up: both loads through both
  for _ in 1 2 3; do
    wrk -t2 -c64 -d4s "$scheme://127.0.0.1:$port/obj" >/dev/null
    wrk -t2 -c64 -d2s -H 'Connection: close' "$scheme://127.0.0.1:$port/obj" >/dev/null
  done
done
: > "$run/results"
for i in $(seq "$runs"); do
  if [ $((i % 2)) = 1 ]; then order="A B"; else order="B A"; fi
  for t in $loads; do
    for x in $order; do
      if [ "$x" = A ]; then p=$a; port=8087; else p=$b; port=8088; fi
      if [ "$t" = cc ]; then export WRK_HEADER='Connection: close'; else unset WRK_HEADER; fi
      wrk_bench "$x" "$scheme://127.0.0.1:$port/obj" "$secs" "$p" | sed "s/^$x /$x $t /" | tee -a "$run/results"
    done
  done
done
med() { awk -v x="$1" -v t="$2" -v c="$3" '$1==x && $2==t {print $c}' "$run/results" | median; }
echo "A: '${envA}'  B: '${envB}'${B_TOP:+ of $B_TOP}${LINK_TLS:+, TLS ended at the links}  ($runs alternated runs of ${secs}s, medians)"
for t in $loads; do
  for x in A B; do
    printf "%s %-2s %9s req/s  p99 %6s ms  CPU %6s us/req\n" "$x" "$t" "$(med $x $t 3)" "$(med $x $t 4)" "$(med $x $t 5)"
  done
done
