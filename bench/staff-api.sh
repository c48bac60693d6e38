#!/usr/bin/env bash
# Staff API throughput with HTTP Basic, remembered credentials against the baseline of a PBKDF2
# hash on every call, in the same run: PayDesk starts twice with its embedded defaults (`./paydesk
# run`, own data directory and ports), first with paydesk.security.basic-remember=PT0S (every call
# hashes the password: 600,000 PBKDF2-HMAC-SHA256 iterations), then with the default (PT5M); each
# time bench/StaffApiLoad.java calls GET /api/staff/orders as admin from CLIENTS threads for SECONDS.
#
#   bench/staff-api.sh [SECONDS] [CLIENTS]      (defaults 30 4)
#
# Needs the build's artifacts (./paydesk build).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
SECONDS_RUN="${1:-30}"
CLIENTS="${2:-4}"
export PAYDESK_HTTP_PORT="${PAYDESK_HTTP_PORT:-20180}"
export PAYDESK_JMS_PORT="${PAYDESK_JMS_PORT:-20716}"
export PAYDESK_SANDBOX_PORT="${PAYDESK_SANDBOX_PORT:-20191}"
WORK="$(mktemp -d /tmp/paydesk-bench-staff.XXXXXX)"
chmod 755 "$WORK"
export PAYDESK_DATA_DIR="$WORK/data"

say() { printf 'bench: %s\n' "$*" >&2; }

PAYDESK_PID=""
stop_paydesk() {
  if [ -n "$PAYDESK_PID" ]; then
    kill "$PAYDESK_PID" 2>/dev/null || true
    wait "$PAYDESK_PID" 2>/dev/null || true
    PAYDESK_PID=""
  fi
}
trap 'stop_paydesk; rm -rf "$WORK"' EXIT

run_with() { # run_with REMEMBER LABEL
  say "starting PayDesk with paydesk.security.basic-remember=$1"
  PAYDESK_SECURITY_BASIC_REMEMBER="$1" ./paydesk run >"$WORK/paydesk-$2.out" 2>&1 &
  PAYDESK_PID=$!
  for _ in $(seq 1 1200); do
    grep -q 'PayDesk is ready' "$WORK/paydesk-$2.out" && break
    kill -0 "$PAYDESK_PID" 2>/dev/null || { cat "$WORK/paydesk-$2.out" >&2; exit 1; }
    sleep 0.5
  done
  grep -q 'PayDesk is ready' "$WORK/paydesk-$2.out" || { cat "$WORK/paydesk-$2.out" >&2; exit 1; }
  echo "LOAD before $2: $(cut -d' ' -f1-3 /proc/loadavg)"
  java bench/StaffApiLoad.java "http://127.0.0.1:$PAYDESK_HTTP_PORT/" \
    "$PAYDESK_DATA_DIR/secrets/admin-password" "$SECONDS_RUN" "$CLIENTS" "$2" | tee "$WORK/$2.result"
  stop_paydesk
}

run_with PT0S hashing-every-call
run_with PT5M remembered
base="$(sed -E 's/.*calls\/s=([0-9.]+).*/\1/' "$WORK/hashing-every-call.result")"
fast="$(sed -E 's/.*calls\/s=([0-9.]+).*/\1/' "$WORK/remembered.result")"
awk -v b="$base" -v f="$fast" 'BEGIN { printf "RATIO remembered/hashing-every-call calls/s = %.1f\n", (b > 0 ? f / b : 0) }'
