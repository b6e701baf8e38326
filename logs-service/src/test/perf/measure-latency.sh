#!/bin/sh
# Usage: measure-latency.sh PERFDIR — write -> follower latency on a private journald namespace, side by side in one
# run: logs-service SSE (port 19633), systemd-journal-gatewayd /entries?follow (port 19634) and journalctl -f
# (sd_journal_wait), all following the same namespace, one writer (latency.py).
# Environment: FOLLOWERS (service, default 100), GW_FOLLOWERS (default 100), JOURNALCTLS (default 10),
# ENTRIES (default 50), INTERVAL_MS (default 200), JITTER_MS (default 0), SERVICE_JAR (default: the built one),
# SERVICE_OPTS (extra -D options for the service).
set -e
PERF=${1:?usage: measure-latency.sh PERFDIR (holding token, see logs-service/README.md)}
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
SERVICE_JAR=${SERVICE_JAR:-$ROOT/logs-service/target/quarkus-app/quarkus-run.jar}
[ -f "$SERVICE_JAR" ] || { echo "build the service first: ./mvnw -pl logs-service -am install -DskipTests" >&2; exit 2; }
NS=d2o-perf-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
MID=$(cat /etc/machine-id)
printf '[Journal]\nStorage=volatile\nRateLimitIntervalSec=0\nRateLimitBurst=0\n' > /etc/systemd/journald@$NS.conf
setpriv --pdeathsig TERM /lib/systemd/systemd-journald $NS > $PERF/journald-$NS.log 2>&1 &
JD=$!
for i in $(seq 1 100); do [ -S /run/systemd/journal.$NS/socket ] && [ -d /run/log/journal/$MID.$NS ] && break; sleep 0.1; done
# Keep the namespace journald alive (it exits after 30 s without stream clients).
python3 -c "
import socket,time,sys
s=socket.socket(socket.AF_UNIX,socket.SOCK_STREAM); s.connect('/run/systemd/journal.$NS/stdout')
s.sendall(b'keepalive\n\n6\n0\n0\n0\n0\n'); time.sleep(900)" &
KA=$!
systemd-socket-activate -l 127.0.0.1:19634 /lib/systemd/systemd-journal-gatewayd \
  --directory=/run/log/journal/$MID.$NS > $PERF/gatewayd-latency.log 2>&1 &
GW=$!
java $SERVICE_OPTS -Dquarkus.http.port=19633 -Dlogs.journal-namespace=$NS \
  -Dmp.jwt.verify.publickey.location=file:$ROOT/common/src/test/resources/day2ops-test/publicKey.pem \
  -jar $SERVICE_JAR > $PERF/service-latency.log 2>&1 &
SVC=$!
for i in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:19633/q/health/live && break; sleep 1; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Clean up whatever the measurement's outcome, then report that outcome.
rc=0
python3 "$(dirname "$0")/latency.py" --socket /run/systemd/journal.$NS/socket --entries ${ENTRIES:-50} \
  --interval-ms ${INTERVAL_MS:-200} --jitter-ms ${JITTER_MS:-0} \
  --svc 19633:$(cat "$PERF/token"):${FOLLOWERS:-100} --gatewayd 19634:${GW_FOLLOWERS:-100} \
  --journalctl $NS:${JOURNALCTLS:-10} || rc=$?
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
kill $SVC $GW $KA $JD
wait $SVC $GW $KA $JD 2>/dev/null || :   # they exit by the TERM just sent
rm -f /etc/systemd/journald@$NS.conf; rm -rf /run/systemd/journal.$NS /run/log/journal/$MID.$NS
exit $rc
