#!/usr/bin/env bash
# Order-list page time with 1,000,000 orders in PostgreSQL: p50/p95 of PayDesk's own list query
# (io.paydesk.payment.control.OrderListQuery, the statement behind /admin/orders/ and
# GET /api/staff/orders) for typical filters, first pages and deep pages by seek.
#
#   bench/orders.sh [--page] [ORDERS] [BUYERS]      (defaults 1000000 200000)
#
# Starts its own PostgreSQL (Debian's, installed if missing) on 127.0.0.1:55461 in a temporary
# directory, creates the schema with PayDesk's Flyway migrations (the SQL files, in version order),
# loads the orders and their payment attempts with generate_series, runs ANALYZE, then runs
# bench/OrderListLoad.java against it on one connection. Stops and removes the database at the end.
#
# --page: also the real page. PayDesk starts first (`./paydesk run` on PAYDESK_HTTP_PORT, default
# 18180, its own data directory; the janitors' intervals a day, so their one pass at start-up runs
# on the empty database, and the reconciliation schedule off) and its Flyway creates the schema; the
# same load follows, then OrderListLoad, then bench/OrderPageLoad.java: a SUPPORT user logs in through
# the form and the list page is timed over HTTP (open, Search with filters, Next). Needs the build's
# artifacts (./paydesk build).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
PAGE=""
if [ "${1:-}" = --page ]; then PAGE=1; shift; fi
ORDERS="${1:-1000000}"
BUYERS="${2:-200000}"
PG_PORT="${PAYDESK_BENCH_PG_PORT:-55461}"
WORK="$(mktemp -d "${PAYDESK_BENCH_WORK:-/tmp/paydesk-bench-orders}.XXXXXX")"
chmod 755 "$WORK"
export PAYDESK_HTTP_PORT="${PAYDESK_HTTP_PORT:-18180}"
export PAYDESK_JMS_PORT="${PAYDESK_JMS_PORT:-17716}"
export PAYDESK_SANDBOX_PORT="${PAYDESK_SANDBOX_PORT:-18191}"
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

if [ ! -d payment-ejb/target/classes/io ]; then
  say "compiling payment-ejb"
  mvn -B -q -pl payment-ejb -am compile
fi
PG_JAR="$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -n 1)"

say "starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
mkdir -p "$WORK/pg" && chown postgres "$WORK/pg" 2>/dev/null || true
as_postgres "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c maintenance_work_mem=256MB" start >/dev/null
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q)
"${PSQL[@]}" -c "CREATE ROLE paydesk LOGIN PASSWORD 'bench'" -c "CREATE DATABASE paydesk OWNER paydesk"
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U paydesk -d paydesk -v ON_ERROR_STOP=1 -q)

if [ -n "$PAGE" ]; then
  say "schema: PayDesk's Flyway, starting PayDesk on PostgreSQL (./paydesk run, http://127.0.0.1:$PAYDESK_HTTP_PORT/)"
  PAYDESK_DB_CLASS=org.postgresql.ds.PGSimpleDataSource \
    PAYDESK_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/paydesk" PAYDESK_DB_USER=paydesk PAYDESK_DB_PASSWORD=bench \
    PAYDESK_JANITOR_INTERVAL=PT24H PAYDESK_REFUND_JANITOR_INTERVAL=PT24H PAYDESK_RECONCILIATION_DAILY_AT=off \
    ./paydesk run >"$WORK/paydesk.out" 2>&1 &
  PAYDESK_PID=$!
  for _ in $(seq 1 600); do
    grep -q 'PayDesk is ready' "$WORK/paydesk.out" && break
    kill -0 "$PAYDESK_PID" 2>/dev/null || { cat "$WORK/paydesk.out" >&2; exit 1; }
    sleep 0.5
  done
  grep -q 'PayDesk is ready' "$WORK/paydesk.out" || { cat "$WORK/paydesk.out" >&2; exit 1; }
  "${PSQL[@]}" -At -c "SELECT 'schema ' || version || ', ' || installed_rank || ' migrations' FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1" >&2
else
  say "schema: PayDesk's migrations in version order"
  for f in $(ls */src/main/resources/db/migration/V*.sql | awk -F/ '{v=$NF; sub(/^V/,"",v); sub(/__.*/,"",v); print v" "$0}' | sort -V | cut -d' ' -f2); do
    "${PSQL[@]}" -f "$f"
  done
fi

say "loading $ORDERS orders ($BUYERS buyers) and their payment attempts"
T0=$(date +%s)
"${PSQL[@]}" <<SQL
-- one order every ~31.5 s over a year; three orders share each created_at (ties broken by id)
INSERT INTO orders (id, order_no, openid, amount_fen, description, status, created_at, expires_at, version,
                    paid_at, carrier, tracking_no, shipped_at, refunded_fen)
SELECT g, 'SO' || g, 'o-buyer-' || ((g::bigint * 7919) % $BUYERS), a, 'bench order ' || g, s, c, c + interval '2 hours', 1,
       CASE WHEN s IN ('PAID','SHIPPED','PARTIALLY_REFUNDED','REFUNDED') THEN c + interval '1 minute' END,
       CASE WHEN s IN ('SHIPPED') THEN 'SF' END, CASE WHEN s IN ('SHIPPED') THEN 'SF' || g END,
       CASE WHEN s IN ('SHIPPED') THEN c + interval '1 day' END,
       CASE s WHEN 'REFUNDED' THEN a WHEN 'PARTIALLY_REFUNDED' THEN a / 2 ELSE 0 END
FROM (
  SELECT g, 100 + (random() * 99900)::bigint AS a,
         timestamptz '2025-11-28 00:00:00+00' + ((g / 3) * (365 * 86400.0 * 3 / $ORDERS)) * interval '1 second' AS c,
         CASE WHEN (g * 37) % 100 < 3 THEN 'CREATED' WHEN (g * 37) % 100 < 10 THEN 'CLOSED'
              WHEN (g * 37) % 100 < 12 THEN 'PAYING' WHEN (g * 37) % 100 < 60 THEN 'PAID'
              WHEN (g * 37) % 100 < 95 THEN 'SHIPPED' WHEN (g * 37) % 100 < 98 THEN 'PARTIALLY_REFUNDED'
              ELSE 'REFUNDED' END AS s
  FROM generate_series(1::bigint, $ORDERS) g) x;
INSERT INTO payment_attempt (id, order_id, out_trade_no, status, amount_fen, client_ip, transaction_id, paid_at,
                             created_at, checks, version)
SELECT o.id, o.id, 'PD' || o.id, CASE o.status WHEN 'CLOSED' THEN 'CLOSED' WHEN 'PAYING' THEN 'OPEN' ELSE 'PAID' END,
       o.amount_fen, '10.0.0.1', CASE WHEN o.paid_at IS NOT NULL THEN '4200' || o.id END, o.paid_at,
       o.created_at + interval '5 seconds', 0, 1
FROM orders o WHERE o.status <> 'CREATED';
SELECT setval('orders_seq', $ORDERS + 1000);
SELECT setval('payment_attempt_seq', $ORDERS + 1000);
VACUUM ANALYZE orders;
VACUUM ANALYZE payment_attempt;
SQL
say "loaded in $(( $(date +%s) - T0 )) s: $("${PSQL[@]}" -At -c "SELECT count(*) || ' orders, ' || (SELECT count(*) FROM payment_attempt) || ' attempts, ' || pg_size_pretty(pg_total_relation_size('orders')) || ' orders with indexes' FROM orders")"

say "the plans (EXPLAIN ANALYZE) of a first page and a seek, no filter"
"${PSQL[@]}" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT o.id FROM orders o WHERE o.created_at <= '2026-05-01T00:00:00Z' AND (o.created_at < '2026-05-01T00:00:00Z' OR o.id < 9223372036854775807) ORDER BY o.created_at DESC, o.id DESC LIMIT 51" >&2

say "measuring"
java -cp "payment-ejb/target/classes:$PG_JAR" bench/OrderListLoad.java \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/paydesk" paydesk bench "$ORDERS" "$BUYERS"

if [ -n "$PAGE" ]; then
  say "measuring the page over HTTP (a SUPPORT user logged in through the form)"
  java bench/OrderPageLoad.java "http://127.0.0.1:$PAYDESK_HTTP_PORT/" \
    "$(cat "$PAYDESK_DATA_DIR/secrets/admin-password")" "$ORDERS" "$BUYERS"
fi
