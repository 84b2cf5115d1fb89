#!/usr/bin/env bash
# The HTTP cache test suite (npm http-cache-tests 0.4.5) against Forecourt's distribution, nginx proxy_cache and
# Varnish (reference configs in peers/), each in front of the suite's own server, in one run; prints pass / fail
# counts as cache-tests.fyi counts them. Usage: cache-tests.sh [OUT_DIR]   (LIST_FAILS=1 lists each failure)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"; top="$(cd "$here/.." && pwd)"
out=${1:-$(mktemp -d /tmp/cache-tests.XXXX)}; mkdir -p "$out"
command -v node >/dev/null || { echo "needs node and npm" >&2; exit 1; }
run=$(mktemp -d /tmp/forecourt-ct.XXXX); chmod 755 "$run"
suite="$run/node_modules/http-cache-tests"
(cd "$run" && npm init -y >/dev/null && npm install --silent http-cache-tests@0.4.5 >/dev/null 2>&1)
pids=()
cleanup() {
  [ -f "$run/nginx-cachetests.pid" ] && kill "$(cat "$run/nginx-cachetests.pid")" 2>/dev/null || true
  [ -f "$run/varnish.pid" ] && kill "$(cat "$run/varnish.pid")" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$run"
}
trap cleanup EXIT
(cd "$suite" && npm_config_port=8000 npm_package_config_protocol=http npm_config_pidfile="$run/server.pid" \
  node server/server.mjs > "$run/server.log" 2>&1) &
pids+=($!)
names="forecourt"; declare -A port=([forecourt]=8004)
if command -v nginx >/dev/null; then
  sed "s#@RUN@#$run#g" "$here/peers/nginx-cachetests.conf" > "$run/nginx-cachetests.conf"
  nginx -c "$run/nginx-cachetests.conf"; names="$names nginx"; port[nginx]=8002
fi
if command -v varnishd >/dev/null; then
  varnishd -j none -n "$run/varnish" -a 127.0.0.1:8003 -f "$here/peers/varnish-cachetests.vcl" -s malloc,256m \
    -P "$run/varnish.pid" >/dev/null 2>&1; names="$names varnish"; port[varnish]=8003
fi
[ -f "$top/forecourt-cli/target/forecourt.jar" ] || (cd "$top" && ./mvnw -B -q -DskipTests install)
"$top/bin/forecourt" run "$here/peers/forecourt-cachetests.yaml" > "$run/forecourt.log" 2>&1 &
pids+=($!)
for i in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:8004/ && curl -sf -o /dev/null http://127.0.0.1:8000/ && break; sleep 0.2; done
args=()
for n in $names; do
  (cd "$suite" && npm_config_base="http://127.0.0.1:${port[$n]}" npm_package_config_id= node --no-warnings cli.mjs) > "$out/$n.json" 2>"$out/$n.err"
  args+=("$n=$out/$n.json")
done
node "$here/scripts/cache-tests-summary.mjs" "$suite" "${args[@]}"
echo "results: $out  (goal: more passes than every peer, required-pass >= 150 of the 157 run, fail <= 5)"
