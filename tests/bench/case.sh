#!/usr/bin/env bash
# Benchmarks the case-file page's data (GET /api/v1/case-files/{id}: the file drawn from the crime, its
# custody record, statements, exhibits and written documents, with the readiness check) against the
# running release server (see docs/performance.md, "Case: the file page"). Not a test: figures vary by
# machine. Each view writes one audit row.
#   tests/bench/case.sh sqlite:///tmp/bench-case.db
#   tests/bench/case.sh postgres://postgres@127.0.0.1:5432/bench_case
# The database may be empty (the demo consortium is seeded) or generated (`bluelamp generate`): the
# script records its own charged shoplifting and builds a GAP file on it.
# Environment: PORT, DURATION (default 30s), CONNECTIONS (default 4), BLUELAMP_BIN.
set -euo pipefail
url="${1:?DATABASE_URL}"
here="$(cd "$(dirname "$0")" && pwd)"
bin="${BLUELAMP_BIN:-${CARGO_TARGET_DIR:-$here/../../target}/release/bluelamp}"
port="${PORT:-18558}"
duration="${DURATION:-30s}"
conns="${CONNECTIONS:-4}"
threads=$(( conns < 2 ? conns : 2 ))
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "install wrk: apt-get install -y wrk"; exit 1; }
DATABASE_URL="$url" BLUELAMP__SERVER__PORT="$port" BLUELAMP__SERVER__STATIC_DIR=/nonexistent RUST_LOG=warn \
  "$bin" serve --seed-demo-if-empty >/tmp/bluelamp-bench-case.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.2; done

# Arrange through the API: the shoplifting, the arrest, charge and bail, the statement, the GAP file
# with its summary (certified) and schedule. Prints the file id and an investigator's token.
read -r file token < <(BASE="$base" python3 - <<'PY'
import datetime, json, os, urllib.request, uuid
base = os.environ["BASE"]
def call(method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("content-type", "application/json")
    req.add_header("Idempotency-Key", str(uuid.uuid4()))
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.load(r)
def token(user):
    return call("POST", "/api/v1/auth/sign-in", body={"username": user, "password": "bluelamp-demo"})["access_token"]
now = datetime.datetime.now(datetime.timezone.utc)
ago = lambda m: (now - datetime.timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M:%SZ")
okafor, raman, whitfield, llewellyn = token("ns.okafor"), token("ns.raman"), token("ns.whitfield"), token("ns.llewellyn")
crime = call("POST", "/api/v1/retail-thefts", okafor, {
    "new_store": {"name": "Bench Superstore", "kind": "business"},
    "new_store_address": {"kind": "address", "premises": "1", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AA"},
    "offence_from": ago(600), "modus_operandi": "Selected items from display, concealed them in a bag and left without paying",
    "suspect": {"new_person": {"names": [{"forename": "Bench", "surname": "Suspect"}], "dates_of_birth": ["1990-04-02"]}},
    "items": [{"description": "Whisky", "value_pence": 4200}],
    "witness": {"new_person": {"names": [{"forename": "Bench", "surname": "Witness"}]}},
    "cctv": {"reference": "BS/1", "description": "CCTV on USB stick", "storage": "Property store"}})
party = lambda role: next(p["record"]["record"]["id"] for p in crime["parties"] if p["role"] == role)
suite = next(s for s in call("GET", "/api/v1/reference-data", raman)["custody_suites"] if s["force_code"] == "NS")
rec = call("POST", "/api/v1/custody-records", raman, {
    "person_id": party("suspect"), "crime_id": crime["id"], "suite_id": suite["id"], "cell": "C1",
    "arrest": {"at": ago(300), "place": "Store", "officer": "PC 4521", "offences": ["theft_shop"], "grounds": "Seen on CCTV", "necessity": "Prompt investigation"},
    "asn": "26/01NS/01/000123A", "arrived_at": ago(280), "decision": "authorised", "decided_at": ago(275),
    "decision_reason": "To obtain evidence by questioning", "self_defined_ethnicity": "W1", "officer_defined_ethnicity": "W", "nationality": "British"})
for e in [{"kind": "charge", "at": ago(120), "offences": ["theft_shop"]},
          {"kind": "disposal", "outcome": "charged_bailed", "at": ago(100), "bail_date": (now + datetime.timedelta(days=14)).date().isoformat()}]:
    call("POST", f"/api/v1/custody-records/{rec['id']}/entries", raman, e)
call("POST", f"/api/v1/crimes/{crime['id']}/statements", okafor, {"witness_person_id": party("witness"), "text": "I saw him take the whisky and leave without paying.", "declaration": True})
f = call("POST", "/api/v1/case-files", whitfield, {"crime_id": crime["id"], "file_type": "gap"})
call("POST", f"/api/v1/case-files/{f['id']}/documents", whitfield, {"kind": "mg5", "summary": "He took the whisky and left without paying; CCTV and the store detective saw it."})
call("POST", f"/api/v1/case-files/{f['id']}/documents", whitfield, {"kind": "mg6c", "complete": True})
f = call("POST", f"/api/v1/case-files/{f['id']}/certifications", llewellyn, {"kind": "mg5", "version": 1})
assert f["readiness"] == [], f["readiness"]
print(f["id"], whitfield)
PY
)
path="/api/v1/case-files/$file"
echo "== the file: $(curl -sf -H "Authorization: Bearer $token" "$base$path" | wc -c) bytes of JSON, ready to submit"
echo "== one request at a time (curl, 20 requests)"
for _ in $(seq 1 20); do
  curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base$path"
done | sort -n | awk '{t[NR]=$1*1000} END {printf "min %.1f ms, median %.1f ms, max %.1f ms\n", t[1], t[int((NR+1)/2)], t[NR]}'
echo "== warm-up"
TOKEN="$token" PATH_TO_GET="$path" wrk -t"$threads" -c"$conns" -d5s -s "$here/case.lua" "$base" >/dev/null
echo "== case file page: $conns connections, $duration"
TOKEN="$token" PATH_TO_GET="$path" wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$here/case.lua" "$base"
echo "== PDF bundle: 1 connection, 10s"
TOKEN="$token" PATH_TO_GET="$path/bundle.pdf" wrk -t1 -c1 -d10s --latency -s "$here/case.lua" "$base"
