#!/usr/bin/env bash
# Benchmarks the custody-suite board against the running release server, on a database filled by
# `bluelamp generate --custody-records N` (see docs/performance.md, "Custody: the suite board"). Not a
# test: figures vary by machine. Each board view writes one audit row, so the audit log grows.
#   tests/bench/custody.sh sqlite:///tmp/bench-custody.db
#   tests/bench/custody.sh postgres://postgres@127.0.0.1:5432/bench_custody
# Environment: PORT, DURATION (default 30s), CONNECTIONS (default 4), SUITE (default NS-CEN),
# USERNAME (default ns.raman, a custody officer of the suite's force), ROUNDS (default 1), BLUELAMP_BIN.
set -euo pipefail
url="${1:?DATABASE_URL of a generated database}"
here="$(cd "$(dirname "$0")" && pwd)"
bin="${BLUELAMP_BIN:-${CARGO_TARGET_DIR:-$here/../../target}/release/bluelamp}"
port="${PORT:-18557}"
duration="${DURATION:-30s}"
conns="${CONNECTIONS:-4}"
threads=$(( conns < 2 ? conns : 2 ))
suite_code="${SUITE:-NS-CEN}"
username="${USERNAME:-ns.raman}"
rounds="${ROUNDS:-1}"
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "install wrk: apt-get install -y wrk"; exit 1; }
DATABASE_URL="$url" BLUELAMP__SERVER__PORT="$port" BLUELAMP__SERVER__STATIC_DIR=/nonexistent RUST_LOG=warn \
  "$bin" serve --seed-demo-if-empty >/tmp/bluelamp-bench-custody.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.2; done

# Access tokens live 10 minutes: a fresh one for each round.
sign_in() {
  curl -sf -XPOST "$base/api/v1/auth/sign-in" -H 'content-type: application/json' \
    -d "{\"username\":\"$username\",\"password\":\"bluelamp-demo\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
token=$(sign_in)
suite_id=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/reference-data" |
  SUITE="$suite_code" python3 -c 'import json,os,sys
print(next(s["id"] for s in json.load(sys.stdin)["custody_suites"] if s["code"]==os.environ["SUITE"]))')
board="$base/api/v1/custody-suites/$suite_id/board"
curl -sf -H "Authorization: Bearer $token" "$board" -o /tmp/bluelamp-bench-board.json
python3 - <<'PY'
import json, os
b = json.load(open("/tmp/bluelamp-bench-board.json"))
print(f'board: {b["suite"]["code"]} ({b["suite"]["name"]}), {len(b["rows"])} detainees, '
      f'{os.path.getsize("/tmp/bluelamp-bench-board.json")} bytes')
PY
echo "== one request at a time (curl, 20 requests)"
for _ in $(seq 1 20); do
  curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$board"
done | sort -n | awk '{t[NR]=$1*1000} END {printf "min %.1f ms, median %.1f ms, max %.1f ms\n", t[1], t[int((NR+1)/2)], t[NR]}'

echo "== warm-up"
TOKEN="$token" SUITE_ID="$suite_id" wrk -t"$threads" -c"$conns" -d5s -s "$here/custody.lua" "$base" >/dev/null
for round in $(seq 1 "$rounds"); do
  token=$(sign_in)
  echo "== board ($suite_code): $conns connections, $duration, round $round"
  TOKEN="$token" SUITE_ID="$suite_id" \
    wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$here/custody.lua" "$base"
done
echo "== server memory"
grep -E 'VmHWM|VmRSS' "/proc/$pid/status"
