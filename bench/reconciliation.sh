#!/usr/bin/env bash
# Reconciliation of a large bill: the sandbox's generator writes an ALL bill of N lines (default
# 1,000,000), the sandbox serves it as WeChat's bill of a day, PayDesk's database is seeded with bulk SQL
# so that every line matches, and PayDesk (Payara Micro with -Xmx256m, the whole server's heap) runs the
# reconciliation job; prints the time from start to COMPLETED, the lines, the discrepancies and the peak
# heap (the largest heap occupancy before a collection in the GC log).
#
#   bench/reconciliation.sh [LINES]
#
# Starts its own PostgreSQL (Debian's, installed if missing) on 127.0.0.1:55433 in a temporary directory
# and PayDesk with `./paydesk run` (PAYDESK_HTTP_PORT default 19080, its own data directory); stops both.
# Needs the build's artifacts (mvn -B package -DskipTests).
# Baseline in the same run: the protocol library's bill parser alone over the same file
# (bench/BillParse.java). PAYDESK_BENCH_JFR=FILE.jfr records the reconciliation with Java Flight
# Recorder (bench/jfr-profile.jfc); the load average is printed at its start and end.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
LINES="${1:-1000000}"
PG_PORT="${BENCH_PG_PORT:-55433}"
export PAYDESK_HTTP_PORT="${PAYDESK_HTTP_PORT:-19080}"
export PAYDESK_JMS_PORT="${PAYDESK_JMS_PORT:-19616}"
export PAYDESK_SANDBOX_PORT="${PAYDESK_SANDBOX_PORT:-19091}"
WORK="$(mktemp -d /tmp/paydesk-bench-reconciliation.XXXXXX)"
chmod 755 "$WORK"
export PAYDESK_DATA_DIR="$WORK/data"
APPID=wx2421b1c4370ec43b
MCH_ID=1900000109
DAY="$(TZ=Asia/Shanghai date -d yesterday +%F)"
DAY_BASIC="${DAY//-/}"

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
  [ -n "${BENCH_KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

say "generating a $LINES-line ALL bill for $DAY"
java -Xmx48m -jar wechatpay-sandbox/target/wechatpay-sandbox.jar generate-bill --lines "$LINES" \
  --out "$WORK/bill.txt" --date "$DAY_BASIC" --appid "$APPID" --mch-id "$MCH_ID"

say "starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
mkdir -p "$WORK/pg" && chown postgres "$WORK/pg" 2>/dev/null || true
as_postgres "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=256MB" start >/dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE ROLE paydesk LOGIN PASSWORD 'bench'" -c "CREATE DATABASE paydesk OWNER paydesk"

say "starting PayDesk on PostgreSQL, heap -Xmx256m, the sandbox serving the bill (./paydesk run)"
PAYDESK_DB_CLASS=org.postgresql.ds.PGSimpleDataSource \
  PAYDESK_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/paydesk" PAYDESK_DB_USER=paydesk PAYDESK_DB_PASSWORD=bench \
  PAYDESK_JAVA_OPTS="-Xmx256m -Xlog:gc:file=$WORK/gc.log" \
  PAYDESK_SANDBOX_OPTS="--bill-file $DAY_BASIC=$WORK/bill.txt" \
  PAYDESK_RECONCILIATION_DAILY_AT=off \
  ./paydesk run >"$WORK/paydesk.out" 2>&1 &
PAYDESK_PID=$!
for _ in $(seq 1 600); do
  grep -q 'PayDesk is ready' "$WORK/paydesk.out" && break
  kill -0 "$PAYDESK_PID" 2>/dev/null || { cat "$WORK/paydesk.out" >&2; exit 1; }
  sleep 0.5
done
grep -q 'PayDesk is ready' "$WORK/paydesk.out" || { cat "$WORK/paydesk.out" >&2; exit 1; }

say "seeding PayDesk's database: $LINES orders and payment attempts, a refund for every tenth line, the ledger"
# the generator's line i: out_trade_no PD<i>, amount i % 10000 + 1 fen, transaction_id 4200000000<i:18>,
# time = the day's midnight (Beijing) + i/LINES of the day; every tenth line (i % 10 = 9) is a refund RF<i>
# of PD<i> (refund_id 5030000000<i:18>), whose payment was the day before
psql -h 127.0.0.1 -p "$PG_PORT" -U paydesk -v ON_ERROR_STOP=1 -q -d paydesk <<SQL
CREATE TEMP TABLE line AS
  SELECT g, 'PD' || g AS out_trade_no, (g % 10000 + 1)::bigint AS fen,
         TIMESTAMPTZ '$DAY 00:00:00+08' + (g::bigint * 86400000 / $LINES) * INTERVAL '1 millisecond' AS at,
         g % 10 = 9 AS refund
  FROM generate_series(0, $LINES - 1) g;
INSERT INTO orders (id, order_no, openid, amount_fen, description, status, created_at, expires_at, version,
                    paid_at, refunded_fen)
  SELECT 100000000 + g, 'BO' || g, 'oSandboxBuyer' || (g % 1000), fen, 'bench',
         CASE WHEN refund THEN 'REFUNDED' ELSE 'PAID' END,
         at - INTERVAL '2 days', at + INTERVAL '2 hours', 1,
         CASE WHEN refund THEN at - INTERVAL '1 day' ELSE at END, CASE WHEN refund THEN fen ELSE 0 END
  FROM line;
INSERT INTO payment_attempt (id, order_id, out_trade_no, status, amount_fen, client_ip, transaction_id, paid_at,
                             created_at, checks, version)
  SELECT 100000000 + g, 100000000 + g, out_trade_no, 'PAID', fen, '127.0.0.1',
         '4200000000' || lpad(g::text, 18, '0'), CASE WHEN refund THEN at - INTERVAL '1 day' ELSE at END,
         at - INTERVAL '2 days', 0, 1
  FROM line;
INSERT INTO refund (id, out_refund_no, order_no, out_trade_no, request_id, amount_fen, total_fee_fen, reason,
                    status, approvals_required, requested_by, requested_at, wechat_refund_id, submissions, checks,
                    refunded_at, version)
  SELECT 100000000 + g, 'RF' || g, 'BO' || g, out_trade_no, 'bench-' || g, fen, fen, 'bench', 'REFUNDED', 1,
         'bench', at, '5030000000' || lpad(g::text, 18, '0'), 1, 0, at, 1
  FROM line WHERE refund;
-- reconciliation's ledger, as PayDesk's events would have written it (the migration's backfill ran
-- on the empty database when PayDesk started)
INSERT INTO recon_ledger_payment (out_trade_no, order_no, transaction_id, amount_fen, paid_at)
  SELECT out_trade_no, 'BO' || g, '4200000000' || lpad(g::text, 18, '0'), fen,
         CASE WHEN refund THEN at - INTERVAL '1 day' ELSE at END
  FROM line;
INSERT INTO recon_ledger_refund (out_refund_no, order_no, out_trade_no, refund_id, amount_fen, status,
                                 refunded_at)
  SELECT 'RF' || g, 'BO' || g, out_trade_no, '5030000000' || lpad(g::text, 18, '0'), fen, 'REFUNDED', at
  FROM line WHERE refund;
ANALYZE orders; ANALYZE payment_attempt; ANALYZE refund; ANALYZE recon_ledger_payment; ANALYZE recon_ledger_refund;
SQL

PASSWORD="$(cat "$PAYDESK_DATA_DIR/secrets/admin-password")"
MICRO_PID="$(pgrep -f -- "--rootDir $PAYDESK_DATA_DIR/micro" | head -n 1)"
echo "LOAD at the start of the reconciliation: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${PAYDESK_BENCH_JFR:-}" ]; then
  jcmd "$MICRO_PID" JFR.start name=bench settings="$HERE/bench/jfr-profile.jfc" >/dev/null
fi
URL="http://127.0.0.1:$PAYDESK_HTTP_PORT/api/reconciliation/$DAY"
say "reconciling $DAY"
START=$(date +%s.%N)
curl -sf -u "admin:$PASSWORD" -X POST "$URL/runs" >/dev/null
while :; do
  STATUS="$(curl -sf -u "admin:$PASSWORD" "$URL" | sed -n 's/.*"status":"\([A-Z]*\)".*/\1/p' | head -n 1)"
  [ "$STATUS" = COMPLETED ] && break
  case "$STATUS" in FAILED) curl -s -u "admin:$PASSWORD" "$URL" >&2; exit 1 ;; esac
  kill -0 "$PAYDESK_PID" 2>/dev/null || { tail -n 50 "$PAYDESK_DATA_DIR/logs/payara.log" >&2; exit 1; }
  sleep 1
done
END=$(date +%s.%N)
echo "LOAD at the end of the reconciliation: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${PAYDESK_BENCH_JFR:-}" ]; then
  jcmd "$MICRO_PID" JFR.stop name=bench filename="$PAYDESK_BENCH_JFR" >/dev/null
  say "flight recording of the reconciliation: $PAYDESK_BENCH_JFR"
fi
REPORT="$(curl -sf -u "admin:$PASSWORD" "$URL")"
DONE="$(sed -n 's/.*"linesDone":\([0-9]*\).*/\1/p' <<<"$REPORT")"
FOUND="$(sed -n 's/.*"discrepancyCount":\([0-9]*\).*/\1/p' <<<"$REPORT")"
# "Pause Young (Normal) (G1 Evacuation Pause) 180M->60M(256M)": the largest heap before a collection
PEAK="$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$WORK/gc.log" | sed 's/M->.*//' | sort -n | tail -n 1)"
MAX="$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$WORK/gc.log" | sed 's/.*(\([0-9]*\)M)/\1/' | sort -n | tail -n 1)"
echo "RESULT reconciliation lines=$DONE discrepancies=$FOUND seconds=$(awk -v a="$START" -v b="$END" 'BEGIN {printf "%.1f", b-a}') peak_heap=${PEAK}MiB heap_max=${MAX}MiB (-Xmx256m, whole Payara Micro)"
SECONDS_RUN="$(awk -v a="$START" -v b="$END" 'BEGIN {printf "%.1f", b-a}')"
say "baseline: the bill parser alone over the same file"
WECHATPAY_JAR="$(ls wechatpay/target/wechatpay-*.jar | grep -v -e sources -e tests | head -n 1)"
PARSER_LINE="$(java -Xmx64m -cp "$WECHATPAY_JAR" bench/BillParse.java "$WORK/bill.txt")"
echo "$PARSER_LINE"
PARSER_SECONDS="$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$PARSER_LINE")"
echo "RESULT ratio reconciliation/parser-alone time=$(awk -v a="$SECONDS_RUN" -v b="$PARSER_SECONDS" 'BEGIN {printf "%.1f", a/b}')"
