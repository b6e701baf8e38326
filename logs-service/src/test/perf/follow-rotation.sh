#!/bin/sh
# Usage: follow-rotation.sh PERFDIR [ROUNDS] — as root: a private journald namespace, logs-service on port 19635
# following it while follow-rotation.py writes and rotates (ROUNDS rounds, default 20). Exit 1 if any round lost
# or repeated an entry.
set -e
PERF=${1:?usage: follow-rotation.sh PERFDIR (holding token) [ROUNDS]}
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
SERVICE_JAR=${SERVICE_JAR:-$ROOT/logs-service/target/quarkus-app/quarkus-run.jar}
NS=d2o-rot-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n'); MID=$(cat /etc/machine-id)
printf '[Journal]\nStorage=volatile\nRateLimitIntervalSec=0\nRateLimitBurst=0\n' > /etc/systemd/journald@$NS.conf
setpriv --pdeathsig TERM /lib/systemd/systemd-journald $NS > $PERF/journald-$NS.log 2>&1 &
JD=$!
for i in $(seq 1 100); do [ -S /run/systemd/journal.$NS/socket ] && [ -d /run/log/journal/$MID.$NS ] && break; sleep 0.1; done
python3 -c "
import socket,time
s=socket.socket(socket.AF_UNIX,socket.SOCK_STREAM); s.connect('/run/systemd/journal.$NS/stdout')
s.sendall(b'keepalive\n\n6\n0\n0\n0\n0\n'); time.sleep(900)" &
KA=$!
java -Dquarkus.http.port=19635 -Dlogs.journal-namespace=$NS \
  -Dmp.jwt.verify.publickey.location=file:$ROOT/common/src/test/resources/day2ops-test/publicKey.pem \
  -jar $SERVICE_JAR > $PERF/service-rotation.log 2>&1 &
SVC=$!
for i in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:19635/q/health/live && break; sleep 1; done
rc=0
python3 "$(dirname "$0")/follow-rotation.py" 19635 "$(cat "$PERF/token")" $NS ${2:-20} || rc=$?
kill $SVC $KA $JD
wait $SVC $KA $JD 2>/dev/null || :
rm -f /etc/systemd/journald@$NS.conf; rm -rf /run/systemd/journal.$NS /run/log/journal/$MID.$NS
exit $rc
