#!/usr/bin/env bash
# The outbox relay's throughput (events/s from the outbox to the broker) and the end-to-end lag of events
# (occurredAt -> an ERP consumer receives it) at that load. PayDesk on H2 with `./paydesk run` (its own data
# directory, PAYDESK_*_PORT as set or 18080/17616/18091), the ERP consumer being the plain JMS client.
#
#   bench/relay.sh [SECONDS] [CLIENTS] [BACKLOG]          (defaults 60 8 5000)
#
# 1. steady: CLIENTS threads create orders through the shop API for SECONDS; each commit writes an
#    OrderCreated to the outbox, the relay publishes it; the consumer measures events/s and the lag.
# 2. backlog: the broker is paused (SIGSTOP) while BACKLOG orders are created, then resumed (SIGCONT); the
#    time until /metrics shows an empty outbox is how fast the relay publishes when it is the bottleneck
#    (an ERP consumer then checks that every event arrived).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
SECONDS_STEADY="${1:-60}"
CLIENTS="${2:-8}"
BACKLOG="${3:-5000}"
export PAYDESK_HTTP_PORT="${PAYDESK_HTTP_PORT:-18080}"
export PAYDESK_JMS_PORT="${PAYDESK_JMS_PORT:-17616}"
export PAYDESK_SANDBOX_PORT="${PAYDESK_SANDBOX_PORT:-18091}"
WORK="$(mktemp -d /tmp/paydesk-relay-bench.XXXXXX)"
export PAYDESK_DATA_DIR="$WORK/data"
say() { printf 'bench: %s\n' "$*" >&2; }

PAYDESK_PID=""
BROKER_PID=""
cleanup() {
  [ -n "$BROKER_PID" ] && kill -CONT "$BROKER_PID" 2>/dev/null || true
  [ -n "$PAYDESK_PID" ] && kill "$PAYDESK_PID" 2>/dev/null && wait "$PAYDESK_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

say "starting PayDesk (./paydesk run, H2, data in $PAYDESK_DATA_DIR)"
./paydesk run >"$WORK/paydesk.out" 2>&1 &
PAYDESK_PID=$!
for _ in $(seq 1 600); do
  grep -q 'PayDesk is ready' "$WORK/paydesk.out" && break
  kill -0 "$PAYDESK_PID" 2>/dev/null || { cat "$WORK/paydesk.out" >&2; exit 1; }
  sleep 0.5
done
grep -q 'PayDesk is ready' "$WORK/paydesk.out" || { cat "$WORK/paydesk.out" >&2; exit 1; }
export PAYDESK_API_KEY="$(cat "$PAYDESK_DATA_DIR/secrets/api-key")" # the demo API client's key
# the broker ./paydesk run started for this data directory (its child, found by its instance path)
BROKER_PID="$(pgrep -f -- "-Dartemis.instance=$PAYDESK_DATA_DIR/broker" | head -n 1)"
[ -n "$BROKER_PID" ] || { say "cannot find the broker's process"; exit 1; }

BASE="http://127.0.0.1:$PAYDESK_HTTP_PORT/"
BROKER="tcp://127.0.0.1:$PAYDESK_JMS_PORT"
PASSWORD_FILE="$PAYDESK_DATA_DIR/secrets/broker-password"
CP="$(ls erp-simulator/target/erp-simulator.jar)"

say "warm-up: 10 s"
java -cp "$CP" bench/RelayLoad.java steady "$BASE" "$BROKER" "$PASSWORD_FILE" 10 "$CLIENTS" >/dev/null
say "steady: $CLIENTS clients for $SECONDS_STEADY s"
java -cp "$CP" bench/RelayLoad.java steady "$BASE" "$BROKER" "$PASSWORD_FILE" "$SECONDS_STEADY" "$CLIENTS"

PREFIX="BB$(date +%s)-"
say "backlog: broker paused, $BACKLOG orders"
kill -STOP "$BROKER_PID"
java -cp "$CP" bench/RelayLoad.java create "$BASE" "$BACKLOG" "$CLIENTS" "$PREFIX"
curl -s "${BASE%/}/metrics" | grep -E '^paydesk_outbox_(backlog|lag)' >&2 || true
backlog() { curl -s "${BASE%/}/metrics" | sed -n 's/^paydesk_outbox_backlog{[^}]*} \([0-9]*\).*/\1/p'; }
START_BACKLOG="$(backlog)"
say "broker resumed: the relay empties the backlog of $START_BACKLOG events"
T0=$(date +%s.%N)
kill -CONT "$BROKER_PID"
while [ "$(backlog)" != 0 ]; do sleep 0.05; done
T1=$(date +%s.%N)
awk -v n="$START_BACKLOG" -v a="$T0" -v b="$T1" \
  'BEGIN { printf "RESULT relay backlog=%d seconds=%.2f events/s=%.0f (backlog metric 0 after SIGCONT)\n", n, b - a, n / (b - a) }'
say "the ERP side receives them all (each once after dedupe)"
java -cp "$CP" bench/RelayLoad.java drain "$BROKER" "$PASSWORD_FILE" "$BACKLOG" "$PREFIX"
