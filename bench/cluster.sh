#!/usr/bin/env bash
# Two nodes behind HAProxy, one of them SIGKILLed in a notification storm (README, Several nodes), larger than CI's:
#   bench/cluster.sh [ORDERS]   ClusterFailoverIT with ORDERS orders (default 1000): the node holding every job lease
#                               and a logged-in member of staff is killed once 40 % of the payments are acknowledged;
#                               prints the RESULT line (acknowledged before the kill, not paid, unacknowledged, boot
#                               time of both nodes, seconds until the survivor held every lease)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
command -v haproxy >/dev/null 2>&1 || { echo "bench/cluster.sh: install haproxy (./paydesk test does)" >&2; exit 1; }
mvn -B -ntp verify -pl system-tests -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dpaydesk.cluster-it -Dit.test=ClusterFailoverIT -Dpaydesk.cluster.orders="${1:-1000}" |
  tee /tmp/paydesk-cluster.log | grep -E 'RESULT|Tests run|FAIL' || true
