#!/usr/bin/env bash
# Starts Porthole the way a newcomer does (`npm start`, empty DATA_DIR), then checks that it built,
# printed the ready block (whose PORTHOLE_TOKEN command works), seeded the demo application whose
# endpoint delivers green to the built-in demo receiver, delivers to a receiver of its own, and
# refuses a second start on the same DATA_DIR and a start on a taken port.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SMOKE_PORT:-3987}
data=$(mktemp -d)
log=$(mktemp)
out=$(mktemp)
if curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then echo "port $port is already in use"; exit 1; fi
rx_port=$((port + 1))
received=$(mktemp)
# A receiver on loopback that records the webhook-id of each delivery.
node -e "require('http').createServer((q,s)=>{q.resume();q.on('end',()=>{require('fs').appendFileSync('$received',q.headers['webhook-id']+'\\n');s.end('ok')})}).listen($rx_port,'127.0.0.1')" &
rx=$!
# Its own process group, so the whole tree (npm, tsx, next-server) can be stopped at the end.
PORT=$port DATA_DIR=$data ENDPOINT_ALLOWLIST=127.0.0.1/32 setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -- "-$pid" 2>/dev/null || true; kill "$rx" 2>/dev/null || true; rm -rf "$data" "$received" "$out"; }
trap cleanup EXIT

for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "npm start exited"; exit 1; }
  sleep 1
done
for _ in $(seq 1 30); do grep -q "Porthole is ready at" "$log" && break; sleep 0.5; done
grep -q "Porthole is ready at http://localhost:$port" "$log" || { cat "$log"; echo "no ready block"; exit 1; }
# The ready block's own command yields the org token, which it never prints.
export_line=$(grep -m1 "export PORTHOLE_TOKEN=" "$log") || { cat "$log"; echo "no PORTHOLE_TOKEN command"; exit 1; }
eval "$export_line"
token=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$data/secrets.json','utf8')).coreApiToken)")
[ "$PORTHOLE_TOKEN" = "$token" ] || { echo "the ready block's command did not yield the org token"; exit 1; }
if grep -qF "$token" "$log"; then echo "the org token was printed"; exit 1; fi
auth="Authorization: Bearer $PORTHOLE_TOKEN"
curl -fs "http://127.0.0.1:$port/api/v1/app/demo" -H "$auth" | grep -q '"uid":"demo"'
curl -fs "http://127.0.0.1:$port/api/v1/event-type" -H "$auth" | grep -q 'invoice.paid'
msg=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/app/demo/msg" -H "$auth" -H 'content-type: application/json' \
  -d '{"eventType":"invoice.paid","payload":{"id":"in_smoke"}}')
echo "$msg" | grep -q '"eventType":"invoice.paid"'
demo_id=$(echo "$msg" | node -e "process.stdout.write(JSON.parse(require('fs').readFileSync(0,'utf8')).id)")
# The seeded endpoint delivers to the demo receiver: a 200 attempt, and the receiver has the message.
for _ in $(seq 1 30); do
  curl -fs "http://127.0.0.1:$port/api/v1/app/demo/attempt/msg/$demo_id" -H "$auth" | grep -q '"responseStatusCode":200' && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/api/v1/app/demo/attempt/msg/$demo_id" -H "$auth" | grep -q '"responseStatusCode":200' \
  || { cat "$log"; echo "no green delivery to the demo receiver"; exit 1; }
curl -fs "http://127.0.0.1:$port/demo/receiver" -H "$auth" | grep -q "$demo_id" || { echo "the demo receiver did not record $demo_id"; exit 1; }
# The in-process dispatcher delivers to a receiver on loopback (allowlisted here).
curl -fs -X POST "http://127.0.0.1:$port/api/v1/app/demo/endpoint" -H "$auth" -H 'content-type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$rx_port/hook\"}" >/dev/null
msg=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/app/demo/msg" -H "$auth" -H 'content-type: application/json' \
  -d '{"eventType":"invoice.paid","payload":{"id":"in_delivered"}}')
id=$(echo "$msg" | node -e "process.stdout.write(JSON.parse(require('fs').readFileSync(0,'utf8')).id)")
for _ in $(seq 1 30); do grep -q "$id" "$received" && break; sleep 0.5; done
grep -q "$id" "$received" || { cat "$log"; echo "message $id was not delivered"; exit 1; }
# A second start on the same DATA_DIR is refused, naming the first; a taken port is refused in one line.
if PORT=$((port + 2)) DATA_DIR=$data npx tsx --conditions=react-server scripts/start.ts >"$out" 2>&1; then echo "second start on one DATA_DIR accepted"; exit 1; fi
grep -q "is in use by another Porthole process (pid" "$out" || { cat "$out"; exit 1; }
other_data=$(mktemp -d)
if PORT=$port DATA_DIR=$other_data npx tsx --conditions=react-server scripts/start.ts >"$out" 2>&1; then echo "taken port accepted"; exit 1; fi
rm -rf "$other_data"
grep -qx "Port $port is in use; set PORT to another port." "$out" || { cat "$out"; exit 1; }
# Bad configuration stops start-up with a message naming the variable.
if RETRY_SCHEDULE=soon npx tsx --conditions=react-server scripts/start.ts >"$out" 2>&1; then echo "bad config accepted"; exit 1; fi
grep -q "RETRY_SCHEDULE" "$out" || { cat "$out"; exit 1; }
echo "npm start smoke test passed"
