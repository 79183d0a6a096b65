#!/usr/bin/env bash
# Benchmarks the server actions of the shoplifting (retail-theft) path against the running release server,
# on a database already filled by `bluelamp generate` (see docs/performance.md). Not a test: figures vary
# by machine. Each submit records and allocates a new crime (no Idempotency-Key), so the database grows.
#   tests/bench/shoplifting.sh sqlite:///tmp/bench1m.db
#   tests/bench/shoplifting.sh postgres://postgres@127.0.0.1:5432/bench1m
# Environment: PORT, DURATION (per action, default 20s), CONNECTIONS (default 4), MODES (default all, in
# the order an officer triggers them), BLUELAMP_BIN.
set -euo pipefail
url="${1:?DATABASE_URL of a generated database}"
here="$(cd "$(dirname "$0")" && pwd)"
bin="${BLUELAMP_BIN:-${CARGO_TARGET_DIR:-$here/../../target}/release/bluelamp}"
port="${PORT:-18556}"
duration="${DURATION:-20s}"
conns="${CONNECTIONS:-4}"
threads=$(( conns < 2 ? conns : 2 ))
modes="${MODES:-drafts store matches draft submit crime}"
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "install wrk: apt-get install -y wrk"; exit 1; }
DATABASE_URL="$url" BLUELAMP__SERVER__PORT="$port" BLUELAMP__SERVER__STATIC_DIR=/nonexistent RUST_LOG=warn \
  "$bin" serve --seed-demo-if-empty >/tmp/bluelamp-bench-shoplifting.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.2; done

# Access tokens live 10 minutes: a fresh one for each measurement.
sign_in() {
  curl -sf -XPOST "$base/api/v1/auth/sign-in" -H 'content-type: application/json' \
    -d '{"username":"ns.okafor","password":"bluelamp-demo"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
token=$(sign_in)
auth=(-H "Authorization: Bearer $token")

# The bench store: found by the store picker if an earlier run added it, else added by one retail theft.
store_id=$(curl -sf "${auth[@]}" "$base/api/v1/search?kind=organisation&q=Bench%20Superstore" |
  python3 -c 'import json,sys
hits=[h for h in json.load(sys.stdin)["hits"] if h["summary"]["label"]=="Bench Superstore"]
print(hits[0]["summary"]["record"]["id"] if hits else "")' 2>/dev/null || true)
if [ -z "$store_id" ]; then
  store_id=$(curl -sf "${auth[@]}" -XPOST "$base/api/v1/retail-thefts" -H 'content-type: application/json' -d '{
    "new_store": {"name": "Bench Superstore", "kind": "business"},
    "new_store_address": {"kind": "address", "premises": "1", "street": "High Street", "town": "Northby",
                          "postcode": "NB1 1AA"},
    "offence_from": "2026-11-20T14:02:00Z",
    "modus_operandi": "Concealed goods in a rucksack and walked past the tills without paying",
    "suspect": {"description": "Male, 30s"},
    "items": [{"description": "2 x bottles of whisky", "value_pence": 4200}]}' |
    python3 -c 'import json,sys
c=json.load(sys.stdin)
print([p for p in c["parties"] if p["role"]=="victim"][0]["record"]["record"]["id"])')
fi
echo "store: Bench Superstore $store_id"
# The officer's 8 drafts, the same ids on every run (so repeated runs do not pile up drafts).
draft_ids=$(python3 -c 'import uuid; print(",".join(str(uuid.uuid5(uuid.NAMESPACE_URL, f"bluelamp-bench-draft-{i}")) for i in range(8)))')

run() { # mode, extra environment
  local mode=$1; shift
  echo "== $mode: $conns connections, $duration"
  env TOKEN="$token" MODE="$mode" STORE_ID="$store_id" DRAFT_IDS="$draft_ids" "$@" \
    wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$here/shoplifting.lua" "$base"
}

echo "== warm-up"
TOKEN="$token" MODE=store wrk -t"$threads" -c"$conns" -d5s -s "$here/shoplifting.lua" "$base" >/dev/null
for mode in $modes; do
  token=$(sign_in)
  if [ "$mode" = crime ]; then
    crime_ids=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/crimes?mine=true&limit=100" |
      python3 -c 'import json,sys; print(",".join(c["id"] for c in json.load(sys.stdin)["items"]))')
    [ -n "$crime_ids" ] || { echo "no crimes to read: run the submit mode first"; exit 1; }
    run crime CRIME_IDS="$crime_ids"
  else
    run "$mode"
  fi
done
echo "== server memory"
grep -E 'VmHWM|VmRSS' "/proc/$pid/status"
