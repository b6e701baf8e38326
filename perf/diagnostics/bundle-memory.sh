#!/usr/bin/env bash
# Builds a cluster bundle of two nodes with about 100 MB of journal each, every service in its own JVM with a
# small heap, and samples heap and RSS of all three every second: time to Done, peak heap/RSS, and whether
# memory stays flat while the bundle grows. Not part of CI.
#
# usage: [JAR=path/quarkus-run.jar] perf/diagnostics/bundle-memory.sh [ENTRIES_PER_NODE] [XMX]   (defaults 235000 ≈ 100 MB of journal, 64m)
# needs: the packaged diagnostics service (./mvnw -pl diagnostics-service -am install -DskipTests),
#        systemd-journal-remote, openssl, python3, jcmd; loopback addresses 127.0.0.21-23.
set -euo pipefail

ENTRIES=${1:-235000}
XMX=${2:-64m}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/diagnostics-service/target/quarkus-app/quarkus-run.jar}
REMOTE=$(ls /lib/systemd/systemd-journal-remote /usr/lib/systemd/systemd-journal-remote 2>/dev/null | head -1)
[ -f "$JAR" ] || { echo "missing $JAR: build diagnostics-service first" >&2; exit 1; }
[ -n "$REMOTE" ] || { echo "systemd-journal-remote not found (package systemd-journal-remote)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/day2ops-bundle-perf.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
openssl pkey -in "$WORK/key.pem" -pubout -out "$WORK/public.pem"
jwt() {
  local header payload sig
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"uid":"%s","exp":%d,"groups":["dcos:adminrouter:ops:system-health"]}' "$1" $(( $(date +%s) + 7200 )) | b64url)
  sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$WORK/key.pem" | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$sig"
}
TOKEN=$(jwt perf-operator)
jwt svc-diagnostics-master > "$WORK/sa.jwt"

UNIT=perf-bundle.service
for node in a b; do
  mkdir -p "$WORK/$node/journal" "$WORK/$node/units"
  : > "$WORK/$node/units/$UNIT"
  python3 "$ROOT/perf/diagnostics/gen-unit-export.py" "$ENTRIES" "$UNIT" "node-$node" \
    | "$REMOTE" --output="$WORK/$node/journal/perf.journal" - 2>/dev/null
  echo "node $node journal: $(du -sm "$WORK/$node/journal" | cut -f1) MB, $ENTRIES entries"
done

free_port() { python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1],0)); print(s.getsockname()[1])' "$1"; }
start() { # name ip port extra-options...
  local name=$1 ip=$2 port=$3; shift 3
  java -XX:+UseSerialGC "-Xmx$XMX" -Dquarkus.http.host="$ip" -Dquarkus.http.port="$port" \
    -Dmp.jwt.verify.publickey.location="$WORK/public.pem" -Ddiagnostics.node.ip="$ip" \
    -Ddiagnostics.bundle-dir="$WORK/$name/bundles" -Ddiagnostics.checks.config-file="$WORK/none.json" \
    -Ddiagnostics.systemd.bus-address="unix:path=$WORK/no-bus" -Ddiagnostics.bundles.files=/etc/os-release \
    -Ddiagnostics.bundles.quota=4G "$@" -jar "$JAR" > "$WORK/$name.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}
wait_ready() {
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://$1:$2/q/health/ready" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "not ready: $1:$2" >&2; exit 1
}
PA=$(free_port 127.0.0.21); PB=$(free_port 127.0.0.22); PM=$(free_port 127.0.0.23)
start a 127.0.0.21 "$PA" -Ddiagnostics.health.units-dir="$WORK/a/units" -Ddiagnostics.health.journal-directory="$WORK/a/journal"
PID_A=$LAST_PID
start b 127.0.0.22 "$PB" -Ddiagnostics.health.units-dir="$WORK/b/units" -Ddiagnostics.health.journal-directory="$WORK/b/journal"
PID_B=$LAST_PID
start m 127.0.0.23 "$PM" -Ddiagnostics.node.role=master -Ddiagnostics.health.units-dir="$WORK/none" \
  -Ddiagnostics.cluster.nodes="agent:127.0.0.21:$PA,agent:127.0.0.22:$PB" \
  -Ddiagnostics.cluster.service-account-token-file="$WORK/sa.jwt" -Ddiagnostics.cluster.pull-interval=1h
PID_M=$LAST_PID
wait_ready 127.0.0.21 "$PA"; wait_ready 127.0.0.22 "$PB"; wait_ready 127.0.0.23 "$PM"

sample() { # pid -> "heap_used_kb,rss_kb" (jcmd attaches: slow on a loaded machine, so callers run it in parallel)
  local heap rss
  heap=$(jcmd "$1" GC.heap_info 2>/dev/null | awk '/total .* used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K,?","",v); s+=v}} END {print s+0}')
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
  echo "$heap,$rss"
}
API="http://127.0.0.23:$PM/system/health/v1/diagnostics"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
SAMPLES=$WORK/samples.csv
echo "t,status,zip_bytes,master_heap_kb,master_rss_kb,a_heap_kb,a_rss_kb,b_heap_kb,b_rss_kb" > "$SAMPLES"
T0=$(date +%s.%N)
curl -fsS -X PUT -H "Authorization: token=$TOKEN" -H 'Content-Type: application/json' -d '{"agents":true}' "$API/perf" > /dev/null
while :; do
  STATUS=$(curl -fsS -H "Authorization: token=$TOKEN" "$API/perf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  ZIP=$(stat -c %s "$WORK/m/bundles/cluster/perf/bundle.zip" 2>/dev/null || echo 0)
  T=$(python3 -c "print(round($(date +%s.%N) - $T0, 1))")
  sample "$PID_M" > "$WORK/s.m" & S1=$!
  sample "$PID_A" > "$WORK/s.a" & S2=$!
  sample "$PID_B" > "$WORK/s.b" & S3=$!
  wait "$S1" "$S2" "$S3"
  echo "$T,$STATUS,$ZIP,$(cat "$WORK/s.m"),$(cat "$WORK/s.a"),$(cat "$WORK/s.b")" >> "$SAMPLES"
  case $STATUS in Done|Failed|Canceled) break ;; esac
  sleep 0.5
done
T1=$(date +%s.%N)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -fsS -H "Authorization: token=$TOKEN" "$API/perf"; echo
cat "$SAMPLES"
python3 - "$WORK/m/bundles/cluster/perf/bundle.zip" <<'PY'
import json, sys, zipfile
report = json.loads(zipfile.ZipFile(sys.argv[1]).read("report.json"))
for ip, node in report["nodes"].items():
    print(f"node {ip}: {node['status']}, {node['entries']} entries, {node['bytes'] / 1e6:.1f} MB streamed (before compression)")
PY
if grep -q '"Failed"' <(python3 -c 'import json,sys,zipfile; print(json.dumps(json.loads(zipfile.ZipFile(sys.argv[1]).read("report.json"))))' "$WORK/m/bundles/cluster/perf/bundle.zip"); then
  KEPT=$(mktemp -d /tmp/day2ops-bundle-perf-logs.XXXXXX)
  cp "$WORK"/*.log "$KEPT"/
  echo "a node failed: the services' logs are kept in $KEPT"
fi
python3 - "$SAMPLES" "$T0" "$T1" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"bundle: {rows[-1]['status']} in {float(sys.argv[3]) - float(sys.argv[2]):.1f} s, zip {int(rows[-1]['zip_bytes'] or 0) / 1e6:.1f} MB")
for who in ("master", "a", "b"):
    heap = [int(r[f"{who}_heap_kb"] or 0) for r in rows]
    rss = [int(r[f"{who}_rss_kb"] or 0) for r in rows]
    half = len(rows) // 2 or 1
    print(f"{who:6}: peak heap used {max(heap) / 1024:.1f} MiB, peak RSS {max(rss) / 1024:.1f} MiB; "
          f"RSS first half max {max(rss[:half]) / 1024:.1f} MiB vs second half max {max(rss[half:] or [0]) / 1024:.1f} MiB")
PY
