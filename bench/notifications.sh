#!/usr/bin/env bash
# Payment notifications per second and p50/p99 latency at 16 concurrent clients, PayDesk on PostgreSQL,
# beside pgbench running the equivalent transaction (lock the order row, update it, insert history,
# insert outbox) on the same PostgreSQL in the same run; prints both and their ratio.
#
#   bench/notifications.sh [ORDERS] [CLIENTS] [PGBENCH_SECONDS]      (defaults 6000 16 30)
#
# Starts its own PostgreSQL (Debian's, installed if missing) on 127.0.0.1:55432 in a temporary
# directory, and PayDesk with `./paydesk run` on PAYDESK_HTTP_PORT (default 18080) with its own data
# directory; stops both at the end.
#
# PAYDESK_BENCH_JFR=FILE.jfr records PayDesk's JVM with Java Flight Recorder (bench/jfr-profile.jfc:
# CPU samples every 10 ms, and socket reads, parks and monitor waits over 1 ms with their stacks)
# during the measured notifications only; bench/flamegraph.py turns the file into flame graphs.
# The load average is printed at the start and the end of the measured phase.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
ORDERS="${1:-6000}"
CLIENTS="${2:-16}"
SECONDS_PGBENCH="${3:-30}"
PG_PORT=55432
export PAYDESK_HTTP_PORT="${PAYDESK_HTTP_PORT:-18080}"
export PAYDESK_JMS_PORT="${PAYDESK_JMS_PORT:-17616}"
export PAYDESK_SANDBOX_PORT="${PAYDESK_SANDBOX_PORT:-18091}"
WORK="$(mktemp -d /tmp/paydesk-bench.XXXXXX)"
chmod 755 "$WORK"
export PAYDESK_DATA_DIR="$WORK/data"

say() { printf 'bench: %s\n' "$*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v pgbench >/dev/null; then
  say "installing PostgreSQL and pgbench"
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
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q)
"${PSQL[@]}" -c "CREATE ROLE paydesk LOGIN PASSWORD 'bench'" -c "CREATE DATABASE paydesk OWNER paydesk"

say "starting PayDesk on PostgreSQL (./paydesk run)"
PAYDESK_DB_CLASS=org.postgresql.ds.PGSimpleDataSource \
  PAYDESK_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/paydesk" PAYDESK_DB_USER=paydesk PAYDESK_DB_PASSWORD=bench \
  ./paydesk run >"$WORK/paydesk.out" 2>&1 &
PAYDESK_PID=$!
for _ in $(seq 1 1200); do # boots take minutes on a loaded machine
  grep -q 'PayDesk is ready' "$WORK/paydesk.out" && break
  kill -0 "$PAYDESK_PID" 2>/dev/null || { cat "$WORK/paydesk.out" >&2; exit 1; }
  sleep 0.5
done
grep -q 'PayDesk is ready' "$WORK/paydesk.out" || { cat "$WORK/paydesk.out" >&2; exit 1; }
export PAYDESK_API_KEY="$(cat "$PAYDESK_DATA_DIR/secrets/api-key")" # the demo API client's key

say "PayDesk: $ORDERS orders, then their payment notifications from $CLIENTS clients"
WECHATPAY_JAR="$(ls wechatpay/target/wechatpay-*.jar | grep -v -e sources -e tests | head -n 1)"
MICRO_PID="$(pgrep -f -- "--rootDir $PAYDESK_DATA_DIR/micro" | head -n 1)"
: >"$WORK/load.out"
(
  until grep -q '^measuring' "$WORK/load.out"; do sleep 0.2; done
  echo "LOAD at the start of the measured phase: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -n "${PAYDESK_BENCH_JFR:-}" ]; then
    jcmd "$MICRO_PID" JFR.start name=bench settings="$HERE/bench/jfr-profile.jfc" >/dev/null
  fi
) &
WATCHER=$!
java -cp "$WECHATPAY_JAR" bench/NotificationLoad.java "http://127.0.0.1:$PAYDESK_HTTP_PORT/" \
  "$PAYDESK_DATA_DIR/secrets/wechat-api-key" wx2421b1c4370ec43b 1900000109 "$ORDERS" "$CLIENTS" | tee -a "$WORK/load.out"
wait "$WATCHER" || true
echo "LOAD at the end of the measured phase: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${PAYDESK_BENCH_JFR:-}" ]; then
  jcmd "$MICRO_PID" JFR.stop name=bench filename="$PAYDESK_BENCH_JFR" >/dev/null
  say "flight recording of the measured phase: $PAYDESK_BENCH_JFR"
fi
PAYDESK_LINE="$(grep '^RESULT paydesk' "$WORK/load.out")"

say "pgbench: the same transaction, $CLIENTS clients, ${SECONDS_PGBENCH}s"
psql -h 127.0.0.1 -p "$PG_PORT" -U paydesk -v ON_ERROR_STOP=1 -q -d paydesk <<'SQL'
CREATE SCHEMA bench;
CREATE TABLE bench.orders (id BIGINT PRIMARY KEY, order_no VARCHAR(32) NOT NULL, status VARCHAR(16) NOT NULL,
  amount_fen BIGINT NOT NULL, paid_at TIMESTAMPTZ, version BIGINT NOT NULL);
CREATE TABLE bench.order_history (id BIGSERIAL PRIMARY KEY, order_id BIGINT NOT NULL REFERENCES bench.orders (id),
  from_status VARCHAR(16), to_status VARCHAR(16) NOT NULL, actor VARCHAR(64) NOT NULL, reason VARCHAR(256),
  occurred_at TIMESTAMPTZ NOT NULL);
CREATE INDEX ON bench.order_history (order_id);
CREATE TABLE bench.outbox_event (seq BIGSERIAL PRIMARY KEY, event_id VARCHAR(36) NOT NULL UNIQUE,
  event_type VARCHAR(64) NOT NULL, event_version INT NOT NULL, aggregate_type VARCHAR(32) NOT NULL,
  aggregate_id VARCHAR(64) NOT NULL, payload VARCHAR(8000) NOT NULL, occurred_at TIMESTAMPTZ NOT NULL,
  sent_at TIMESTAMPTZ);
CREATE INDEX ON bench.outbox_event (sent_at, seq);
INSERT INTO bench.orders SELECT g, 'BENCH' || g, 'PAYING', 1999, NULL, 1 FROM generate_series(1, 200000) g;
VACUUM ANALYZE bench.orders;
SQL
cat >"$WORK/paid.sql" <<'SQL'
\set id random(1, 200000)
BEGIN;
SELECT status, version FROM bench.orders WHERE id = :id FOR UPDATE;
UPDATE bench.orders SET status = 'PAID', paid_at = now(), version = version + 1 WHERE id = :id;
INSERT INTO bench.order_history (order_id, from_status, to_status, actor, reason, occurred_at)
  VALUES (:id, 'PAYING', 'PAID', 'wechat-notification', 'paid 4200000000 via wechat-notification', now());
INSERT INTO bench.outbox_event (event_id, event_type, event_version, aggregate_type, aggregate_id, payload, occurred_at)
  VALUES (gen_random_uuid()::text, 'OrderPaid', 1, 'Order', 'BENCH' || :id,
          '{"amount":1999,"orderNo":"BENCH","outTradeNo":"PD0000","paidAt":"2026-11-28T12:00:00Z","transactionId":"4200000000"}', now());
COMMIT;
SQL
(cd "$WORK" && pgbench -h 127.0.0.1 -p "$PG_PORT" -U paydesk -n -c "$CLIENTS" -j 2 -T "$SECONDS_PGBENCH" \
  -l --log-prefix="$WORK/pgbench" -f "$WORK/paid.sql" paydesk) >"$WORK/pgbench.out" 2>&1 || { cat "$WORK/pgbench.out" >&2; exit 1; }
PG_TPS="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench.out" | head -n 1)"
read -r PG_P50 PG_P99 < <(cat "$WORK"/pgbench.* | awk '{print $3}' | sort -n |
  awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[int(NR*0.50)]/1000, a[int(NR*0.99)]/1000}')
echo "RESULT pgbench transactions/s=$PG_TPS p50=${PG_P50}ms p99=${PG_P99}ms clients=$CLIENTS seconds=$SECONDS_PGBENCH"

PD_TPS="$(sed -n 's/.*throughput=\([0-9.]*\).*/\1/p' <<<"$PAYDESK_LINE")"
echo "RESULT ratio paydesk/pgbench=$(awk -v a="$PD_TPS" -v b="$PG_TPS" 'BEGIN {printf "%.2f", a/b}')"
