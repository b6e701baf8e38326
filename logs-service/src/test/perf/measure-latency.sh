#!/bin/sh
# Usage: measure-latency.sh PERFDIR — a private journald namespace, logs-service reading it, 100 SSE followers.
set -e
PERF=${1:?usage: measure-latency.sh PERFDIR (holding token, see logs-service/README.md)}
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
[ -f "$ROOT/logs-service/target/quarkus-app/quarkus-run.jar" ] \
  || { echo "build the service first: ./mvnw -pl logs-service -am install -DskipTests" >&2; exit 2; }
NS=d2o-perf-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
MID=$(cat /etc/machine-id)
printf '[Journal]\nStorage=volatile\nRateLimitIntervalSec=0\nRateLimitBurst=0\n' > /etc/systemd/journald@$NS.conf
setpriv --pdeathsig TERM /lib/systemd/systemd-journald $NS > $PERF/journald-$NS.log 2>&1 &
JD=$!
for i in $(seq 1 100); do [ -S /run/systemd/journal.$NS/socket ] && break; sleep 0.1; done
# Keep the namespace journald alive (it exits after 30 s without stream clients).
python3 -c "
import socket,time,sys
s=socket.socket(socket.AF_UNIX,socket.SOCK_STREAM); s.connect('/run/systemd/journal.$NS/stdout')
s.sendall(b'keepalive\n\n6\n0\n0\n0\n0\n'); time.sleep(600)" &
KA=$!
java -Dquarkus.http.port=19633 -Dlogs.journal-namespace=$NS \
  -Dmp.jwt.verify.publickey.location=file:$ROOT/common/src/test/resources/day2ops-test/publicKey.pem \
  -jar $ROOT/logs-service/target/quarkus-app/quarkus-run.jar > $PERF/service-latency.log 2>&1 &
SVC=$!
for i in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:19633/q/health/live && break; sleep 1; done
# Clean up whatever the measurement's outcome, then report that outcome.
rc=0
python3 "$(dirname "$0")/latency.py" 19633 "$(cat "$PERF/token")" /run/systemd/journal.$NS/socket 100 50 || rc=$?
kill $SVC $KA $JD
wait $SVC $KA $JD 2>/dev/null || :   # they exit by the TERM just sent
rm -f /etc/systemd/journald@$NS.conf; rm -rf /run/systemd/journal.$NS /run/log/journal/$MID.$NS
exit $rc
