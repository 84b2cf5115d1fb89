#!/usr/bin/env bash
# Two builds' start-up side by side: starts of `A/bin/forecourt VERB` and `B/bin/forecourt VERB` alternated, ROUNDS
# each, the order turning each round; medians of the first answer (ms after launch), the CPU spent until then (ms) and
# the RSS after one tile (MB), as startup.sh measures them. On this shared machine one build's startup.sh medians moved
# by a fifth from one invocation to the next; alternated starts see the same moments, so their difference holds.
# A and B are checkouts (e.g. `git worktree add /tmp/before HEAD~1`), each with its own jar and start-up caches, which
# each one's bin/forecourt builds and trains before the first timed start.
# Usage: startup-ab.sh iiif|run|check ROUNDS CHECKOUT_A CHECKOUT_B
set -euo pipefail
verb=${1:?iiif, run or check}; rounds=${2:?rounds}; a=${3:?checkout A}; b=${4:?checkout B}
[ -x "$a/bin/forecourt" ] && [ -x "$b/bin/forecourt" ] || { echo "no bin/forecourt in $a or $b" >&2; exit 2; }
run=$(mktemp -d /tmp/forecourt-startup-ab.XXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
. "$(dirname "$0")/startup-sample.sh"
startup_sample "$run" 18297
for c in "$a" "$b"; do startup_train "$c" "$run"; done
one() { # NAME CHECKOUT: one start, one line "NAME first-ms cpu-ms rss-mb" into results
  local name=$1 fc="$2/bin/forecourt" t0 t1 url host
  t0=$(ms)
  if [ "$verb" = check ]; then
    TIMEFORMAT='%3U %3S'
    { time "$fc" check "$run/run.yaml" >/dev/null 2>&1; } 2> "$run/time"
    t1=$(ms); echo "$name $((t1 - t0)) $(awk '{print int(($1 + $2) * 1000)}' "$run/time") 0" >> "$run/results"; return
  fi
  if [ "$verb" = run ]; then
    "$fc" run "$run/run.yaml" > "$run/log" 2>&1 & url=http://127.0.0.1:18297; host=iiif.internal
  else
    "$fc" iiif --images "$run/img" --listen 127.0.0.1:18296 --access-log off > "$run/log" 2>&1 & url=http://127.0.0.1:18296; host=127.0.0.1
  fi
  pid=$!
  until curl -sf -m 5 -o /dev/null -H "Host: $host" "$url/iiif/3/sample.png/info.json"; do
    [ $(( $(ms) - t0 )) -lt 60000 ] || { echo "$name: no answer in 60 s" >&2; cat "$run/log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(ms)
  local cpu; cpu=$(cpu_ms "$pid")
  curl -sf -m 60 -o /dev/null -H "Host: $host" "$url/iiif/3/sample.png/full/256,/0/default.jpg"
  echo "$name $((t1 - t0)) $cpu $(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")" >> "$run/results"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}
: > "$run/results"
for i in $(seq "$rounds"); do
  if [ $((i % 2)) = 1 ]; then one A "$a"; one B "$b"; else one B "$b"; one A "$a"; fi
done
med() { awk -v n="$1" -v c="$2" '$1==n {print $c}' "$run/results" | median; }
what="first answer"; [ "$verb" = check ] && what="took"
printf "%s, %d alternated starts each, medians:\n" "$verb" "$rounds"
for x in A B; do
  c=$a; [ $x = B ] && c=$b
  printf "  %s %-40s %s %5d ms  CPU %5d ms" $x "$c" "$what" "$(med $x 2)" "$(med $x 3)"
  [ "$verb" = check ] && echo || printf "  RSS after one tile %4d MB\n" "$(med $x 4)"
done
awk -v a="$(med A 2)" -v b="$(med B 2)" -v c="$(med A 3)" -v d="$(med B 3)" -v w="$what" \
  'BEGIN { printf "  B / A: %s %.2f, CPU %.2f\n", w, b / a, d / c }'
