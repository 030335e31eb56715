#!/usr/bin/env bash
# Runs Microsoft's SCIM reference Postman collection (../shared/conformance) against a freshly
# started gateway with its own data directory, on a fresh tenant. Needs Node.js and npm.
#   scripts/conformance.sh [path/to/entra-reference-postman.json]
set -euo pipefail
cd "$(dirname "$0")/.."
collection=${1:-../shared/conformance/entra-reference-postman.json}
work=target/conformance
port=18091
admin=conformance-admin
rm -rf "$work" && mkdir -p "$work"
[ -f gateway/target/scim-gateway.jar ] || mvn -q -DskipTests package -pl gateway -am
npm install --silent --prefix "$work/newman" newman@6 >/dev/null
SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$((port + 1)) SCIM_GATEWAY_DATA_DIR="$work/data" SCIM_GATEWAY_ADMIN_TOKEN=$admin \
  java -jar gateway/target/scim-gateway.jar > "$work/gateway.log" 2>&1 &
gateway=$!
trap 'kill $gateway 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "localhost:$port/readyz" >/dev/null && break; sleep 1; done
curl -sf -X POST "localhost:$port/admin/v1/tenants" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"id":"conformance"}' >/dev/null
token=$(curl -sf -X POST "localhost:$port/admin/v1/tenants/conformance/tokens" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"name":"newman"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
"$work/newman/node_modules/.bin/newman" run "$collection" \
  --env-var Protocol=http --env-var Server=127.0.0.1 --env-var Port=":$port" --env-var Api=scim/v2 \
  --env-var token="$token" \
  --folder "Endpoint tests" --folder "User tests" --folder "Group tests" --folder "ComplexAttribute tests" \
  --folder "User tests with garbage" --folder "Group tests with garbage" --folder "Teardown garbage" \
  --reporters cli,junit --reporter-junit-export "$work/entra-conformance.xml"
