#!/usr/bin/env bash
# Mixed-workload capacity of one PayDesk node on PostgreSQL: shoppers' journeys (create, pay,
# notify, query, ship, refund request; a staff order list every 20th journey) from a rising number
# of clients; per step journeys/s and each operation's p50/p99, and the best step whose every p99
# is within the target. No baseline exists for the mix; the load average is printed per run.
#
#   bench/mixed.sh [SECONDS_PER_STEP] [P99_TARGET_MS] [CLIENT_STEPS]     (defaults 30 200 2,4,8,16)
#
# Starts its own PostgreSQL (Debian's, installed if missing) on 127.0.0.1:55434 in a temporary
# directory, and PayDesk with `./paydesk run` on PAYDESK_HTTP_PORT (default 20080) with its own data
# directory; stops both at the end.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
SECONDS_STEP="${1:-30}"
TARGET="${2:-200}"
STEPS="${3:-2,4,8,16}"
PG_PORT="${BENCH_PG_PORT:-55434}"
export PAYDESK_HTTP_PORT="${PAYDESK_HTTP_PORT:-20080}"
export PAYDESK_JMS_PORT="${PAYDESK_JMS_PORT:-20616}"
export PAYDESK_SANDBOX_PORT="${PAYDESK_SANDBOX_PORT:-20091}"
WORK="$(mktemp -d /tmp/paydesk-bench-mixed.XXXXXX)"
chmod 755 "$WORK"
export PAYDESK_DATA_DIR="$WORK/data"

say() { printf 'bench: %s\n' "$*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  say "installing PostgreSQL"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

PAYDESK_PID=""
cleanup() {
  [ -n "$PAYDESK_PID" ] && kill "$PAYDESK_PID" 2>/dev/null && wait "$PAYDESK_PID" 2>/dev/null || true
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

say "starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
mkdir -p "$WORK/pg" && chown postgres "$WORK/pg" 2>/dev/null || true
as_postgres "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE ROLE paydesk LOGIN PASSWORD 'bench'" -c "CREATE DATABASE paydesk OWNER paydesk"

say "starting PayDesk on PostgreSQL (./paydesk run)"
PAYDESK_DB_CLASS=org.postgresql.ds.PGSimpleDataSource \
  PAYDESK_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/paydesk" PAYDESK_DB_USER=paydesk PAYDESK_DB_PASSWORD=bench \
  ./paydesk run >"$WORK/paydesk.out" 2>&1 &
PAYDESK_PID=$!
for _ in $(seq 1 1200); do
  grep -q 'PayDesk is ready' "$WORK/paydesk.out" && break
  kill -0 "$PAYDESK_PID" 2>/dev/null || { cat "$WORK/paydesk.out" >&2; exit 1; }
  sleep 0.5
done
grep -q 'PayDesk is ready' "$WORK/paydesk.out" || { cat "$WORK/paydesk.out" >&2; exit 1; }
export PAYDESK_API_KEY="$(cat "$PAYDESK_DATA_DIR/secrets/api-key")" # the demo API client's key

say "mixed journeys, clients $STEPS, ${SECONDS_STEP}s a step, p99 target ${TARGET} ms"
echo "LOAD at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
WECHATPAY_JAR="$(ls wechatpay/target/wechatpay-*.jar | grep -v -e sources -e tests | head -n 1)"
java -cp "$WECHATPAY_JAR" bench/MixedLoad.java "http://127.0.0.1:$PAYDESK_HTTP_PORT/" \
  "$PAYDESK_DATA_DIR/secrets/wechat-api-key" wx2421b1c4370ec43b 1900000109 \
  "$PAYDESK_DATA_DIR/secrets/admin-password" "$SECONDS_STEP" "$TARGET" "$STEPS"
echo "LOAD at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
