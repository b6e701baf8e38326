#!/bin/sh
# Usage: measure-throughput.sh PERFDIR  — serves PERFDIR/journal with systemd-journal-gatewayd and logs-service
# (both on loopback), then reads everything as JSON from each, timing with curl. Prints entries/s.
set -e
PERF=${1:?usage: measure-throughput.sh PERFDIR (holding journal/ and token, see logs-service/README.md)}
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
SERVICE_JAR=$ROOT/logs-service/target/quarkus-app/quarkus-run.jar
[ -f "$SERVICE_JAR" ] || { echo "build the service first: ./mvnw -pl logs-service -am install -DskipTests" >&2; exit 2; }
GW_PORT=19631; SVC_PORT=19632
systemd-socket-activate -l 127.0.0.1:$GW_PORT /lib/systemd/systemd-journal-gatewayd --directory=$PERF/journal > $PERF/gatewayd.log 2>&1 &
GW_PID=$!
java -Dquarkus.http.port=$SVC_PORT -Dlogs.journal-directory=$PERF/journal \
  -Dmp.jwt.verify.publickey.location=file:$ROOT/common/src/test/resources/day2ops-test/publicKey.pem \
  -jar $SERVICE_JAR > $PERF/service.log 2>&1 &
SVC_PID=$!
for i in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:$SVC_PORT/q/health/live && break; sleep 1; done
T=$(cat $PERF/token)
N=500000
run() { # name url extra-header
  best=999999
  for r in 1 2 3; do
    s=$(date +%s.%N)
    lines=$(curl -s -H "Accept: application/json" -H "$3" "$2" | wc -l)
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ $(echo "$t < $best" | bc -l) = 1 ]; then best=$t; fi
  done
  echo "$1: $lines lines, best of 3: ${best}s, $(echo "$lines / $best" | bc) entries/s"
}
run "gatewayd /entries (JSON)" "http://127.0.0.1:$GW_PORT/entries" "X-None: 1"
run "logs-service /entries (JSON)" "http://127.0.0.1:$SVC_PORT/entries" "Authorization: token=$T"
run "logs-service /v1/range/ (JSON)" "http://127.0.0.1:$SVC_PORT/v1/range/" "Authorization: token=$T"
kill $GW_PID $SVC_PID
wait $GW_PID $SVC_PID 2>/dev/null || true
