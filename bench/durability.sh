#!/usr/bin/env bash
# Crash safety, three ways (README, Durability):
#   bench/durability.sh store [SECONDS] [RUNS]   H2 alone: 16 threads commit PayDesk-shaped transactions, SIGKILL after
#                                                SECONDS (default 4), reopen, count acknowledged commits that are gone;
#                                                with H2's defaults and with WRITE_DELAY=0, RUNS times each (default 3)
#   bench/durability.sh storm [ORDERS] [STRIKES] the system tests' notification storm, larger: ORDERS orders (default
#                                                2000), STRIKES SIGKILLs of Payara Micro (default 3), on the default
#                                                store and on PostgreSQL (NotificationStormCrashIT)
#   bench/durability.sh suite                    every crash system test, larger: 2,000-order storms, the broker
#                                                killed and PostgreSQL stopped hard in them, 5,000 events in the
#                                                relay's backlog, 60 refunds, the janitor's poison items, 200
#                                                ERP commands (CI's size; -Dpaydesk.crash.commands=N by hand)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$HERE/pom.xml" | head -n 1; }

case "${1:-}" in
  store)
    SECONDS_RUN="${2:-4}"
    RUNS="${3:-3}"
    H2_JAR="$HOME/.m2/repository/com/h2database/h2/$(pom_property h2.version)/h2-$(pom_property h2.version).jar"
    [ -f "$H2_JAR" ] || mvn -B -ntp -q dependency:get -Dartifact="com.h2database:h2:$(pom_property h2.version)"
    WORK="$(mktemp -d /tmp/paydesk-durability.XXXXXX)"
    trap 'rm -rf "$WORK"' EXIT
    for ((i = 1; i <= RUNS; i++)); do
      java -cp "$H2_JAR" bench/H2Crash.java "$WORK/defaults" "" "$SECONDS_RUN"
      java -cp "$H2_JAR" bench/H2Crash.java "$WORK/write-delay-0" ";WRITE_DELAY=0" "$SECONDS_RUN"
    done
    ;;
  storm)
    mvn -B -ntp verify -pl system-tests -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=NotificationStormCrashIT \
      -Dpaydesk.crash.orders="${2:-2000}" -Dpaydesk.crash.strikes="${3:-3}" | tee /tmp/paydesk-storm.log |
      grep -E 'RESULT|Tests run|FAIL' || true
    ;;
  suite)
    mvn -B -ntp verify -pl system-tests -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfailsafe.failIfNoSpecifiedTests=false \
      -Dit.test='NotificationStormCrashIT,RelayCrashIT,RefundCrashIT,PaymentJanitorPoisonIT,ErpCommandsCrashIT' \
      -Dpaydesk.crash.orders=2000 -Dpaydesk.crash.events=5000 -Dpaydesk.crash.refunds=60 |
      tee /tmp/paydesk-crash-suite.log | grep -E 'RESULT|Tests run|FAIL' || true
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
