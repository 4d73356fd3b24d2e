#!/usr/bin/env bash
# Starts Porthole the way a newcomer does (`npm start`, empty DATA_DIR), then checks that it built,
# seeded the demo application, printed an org token, and accepts and delivers through the API.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SMOKE_PORT:-3987}
data=$(mktemp -d)
log=$(mktemp)
if curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then echo "port $port is already in use"; exit 1; fi
rx_port=$((port + 1))
received=$(mktemp)
# A receiver on loopback that records the webhook-id of each delivery.
node -e "require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{require('fs').appendFileSync('$received',q.headers['webhook-id']+'\\n');s.end('ok')})}).listen($rx_port,'127.0.0.1')" &
rx=$!
# Its own process group, so the whole tree (npm, tsx, next-server) can be stopped at the end.
PORT=$port DATA_DIR=$data ENDPOINT_ALLOWLIST=127.0.0.1/32 setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -- "-$pid" 2>/dev/null || true; kill "$rx" 2>/dev/null || true; rm -rf "$data" "$received"; }
trap cleanup EXIT

for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "npm start exited"; exit 1; }
  sleep 1
done
grep -q "Generated an org token" "$log" || { cat "$log"; echo "no org token printed"; exit 1; }
token=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$data/secrets.json','utf8')).coreApiToken)")
auth="Authorization: Bearer $token"
curl -fs "http://127.0.0.1:$port/api/v1/app/demo" -H "$auth" | grep -q '"uid":"demo"'
curl -fs "http://127.0.0.1:$port/api/v1/event-type" -H "$auth" | grep -q 'invoice.paid'
msg=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/app/demo/msg" -H "$auth" -H 'content-type: application/json' \
  -d '{"eventType":"invoice.paid","payload":{"id":"in_smoke"}}')
echo "$msg" | grep -q '"eventType":"invoice.paid"'
# The in-process dispatcher delivers to a receiver on loopback (allowlisted here).
curl -fs -X POST "http://127.0.0.1:$port/api/v1/app/demo/endpoint" -H "$auth" -H 'content-type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$rx_port/hook\"}" >/dev/null
msg=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/app/demo/msg" -H "$auth" -H 'content-type: application/json' \
  -d '{"eventType":"invoice.paid","payload":{"id":"in_delivered"}}')
id=$(echo "$msg" | node -e "process.stdout.write(JSON.parse(require('fs').readFileSync(0,'utf8')).id)")
for _ in $(seq 1 30); do grep -q "$id" "$received" && break; sleep 0.5; done
grep -q "$id" "$received" || { cat "$log"; echo "message $id was not delivered"; exit 1; }
# Bad configuration stops start-up with a message naming the variable.
if RETRY_SCHEDULE=soon npx tsx scripts/start.ts >"$log" 2>&1; then echo "bad config accepted"; exit 1; fi
grep -q "RETRY_SCHEDULE" "$log" || { cat "$log"; exit 1; }
echo "npm start smoke test passed"
