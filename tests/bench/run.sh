#!/usr/bin/env bash
# Benchmarks name search and duplicate suggestions against the running release server, on a database
# already filled by `bluelamp generate` (see docs/performance.md). Not a test: figures vary by machine.
#   tests/bench/run.sh sqlite:///tmp/bench1m.db
#   tests/bench/run.sh postgres://postgres@127.0.0.1:5432/bench1m
set -euo pipefail
url="${1:?DATABASE_URL of a generated database}"
here="$(cd "$(dirname "$0")" && pwd)"
bin="${BLUELAMP_BIN:-${CARGO_TARGET_DIR:-$here/../../target}/release/bluelamp}"
port="${PORT:-18555}"
duration="${DURATION:-30s}"
conns="${CONNECTIONS:-8}"
command -v wrk >/dev/null || { echo "install wrk: apt-get install -y wrk"; exit 1; }
DATABASE_URL="$url" BLUELAMP__SERVER__PORT="$port" BLUELAMP__SERVER__STATIC_DIR=/nonexistent RUST_LOG=warn \
  "$bin" serve --seed-demo-if-empty >/tmp/bluelamp-bench.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
token=$(curl -sf -XPOST "http://127.0.0.1:$port/api/v1/auth/sign-in" -H 'content-type: application/json' \
  -d '{"username":"ns.okafor","password":"bluelamp-demo"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
echo "== warm-up"
TOKEN="$token" MODE=search wrk -t2 -c"$conns" -d5s -s "$here/search.lua" "http://127.0.0.1:$port" >/dev/null
for mode in search matches; do
  echo "== $mode: $conns connections, $duration"
  TOKEN="$token" MODE=$mode wrk -t2 -c"$conns" -d"$duration" --latency -s "$here/search.lua" "http://127.0.0.1:$port"
done
echo "== server memory"
grep -E 'VmHWM|VmRSS' "/proc/$pid/status"
