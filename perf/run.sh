#!/usr/bin/env bash
# perf/run.sh SCENARIO [--state-dir DIR --port-base N] [--out DIR] [--keep] [--no-gate]
#
# Runs one perf scenario side by side with the peers on this machine and writes
# perf/results/SCENARIO.json (machine, versions, every figure, ratios vs peers) and
# perf/results/SCENARIO.png (CPU and RSS of every measured process over time, phases shaded).
#
#   metrics   k6 /v0/node + /metrics through Adminrouter; /metrics CPU per scrape and latency
#             vs prometheus-node-exporter
#   logs      range reads (gatewayd-compatible /entries, JSON) vs systemd-journal-gatewayd;
#             SSE follow with many concurrent clients, write → client latency, vs gatewayd
#   statsd    zero-loss datagrams/s ramp vs collectd's statsd plugin; many container listeners
#   journald  the journald load generator at rising rates: sent vs accepted (rate limiting)
#   full      all of the above
#   smoke     all of the above, small and bounded (what perf/smoke.sh gates on)
#
# Without --state-dir the suite is started on spare loopback ports (bin/day2ops up --detach)
# and stopped afterwards; with --state-dir DIR --port-base N a running suite is used as it is.
# Peers are started on spare loopback ports and stopped by PID. --out: where the JSON and PNG go
# (default perf/results); --keep: keep the work directory (k6 logs and summaries, raw samples).
# When perf/baselines/SCENARIO.json exists the figures are checked against its budgets and the
# exit status is non-zero on a regression (--no-gate: only measure).
# Needs: root (peers, journald), Go (k6 is built once and cached by perf/tools/install-k6.sh),
# JDK 17, Debian's /usr/bin/python3 (python3-matplotlib for the plot).
set -euo pipefail

PERF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$PERF")
export DAY2OPS_ROOT=$ROOT
PY=/usr/bin/python3
kit() { "$PY" "$PERF/lib/perfkit.py" "$@"; }
say() { printf '\033[1;35mperf\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mperf\033[0m %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; }
scenario=${1:-}
[ -n "$scenario" ] || { usage; exit 2; }
shift
use_state="" use_base="" keep=0 out_dir=$PERF/results gate=1
while [ $# -gt 0 ]; do
  case "$1" in
    --state-dir) use_state=$2; shift 2 ;;
    --port-base) use_base=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --out) out_dir=$2; shift 2 ;;
    --no-gate) gate=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown option '$1'" ;;
  esac
done
case "$scenario" in
  metrics|logs|statsd|journald|full|smoke) ;;
  *) usage; die "unknown scenario '$scenario'" ;;
esac
if [ -n "$use_state" ] && [ -z "$use_base" ]; then die "--state-dir needs --port-base (the running suite's Adminrouter port)"; fi

# ── sizes: smoke is small and bounded; the others are the documented full runs ──────────────
if [ "$scenario" = smoke ]; then
  METRICS_VUS=2 METRICS_ITERATIONS=15 SCRAPES=40 SCRAPE_WARMUP=10
  LOGS_ENTRIES=1000 LOGS_VUS=2 LOGS_ITERATIONS=3 FOLLOW_CLIENTS=10 FOLLOW_ENTRIES=200 FOLLOW_RATE=200
  STATSD_RAMP=500,2000,5000 STATSD_STEP_SECONDS=2 CONTAINERS=5 CONTAINER_RATE=1000 CONTAINER_SECONDS=2
  JOURNALD_RATES=1000 JOURNALD_SECONDS=2
else
  METRICS_VUS=4 METRICS_ITERATIONS=100 SCRAPES=300 SCRAPE_WARMUP=30
  LOGS_ENTRIES=5000 LOGS_VUS=2 LOGS_ITERATIONS=10 FOLLOW_CLIENTS=50 FOLLOW_ENTRIES=1000 FOLLOW_RATE=200
  STATSD_RAMP=1000,2500,5000,10000,20000,40000,80000,160000 STATSD_STEP_SECONDS=4 CONTAINERS=20 CONTAINER_RATE=5000 CONTAINER_SECONDS=5
  JOURNALD_RATES=1000,5000,20000 JOURNALD_SECONDS=3
fi
want() { [ "$scenario" = full ] || [ "$scenario" = smoke ] || [ "$scenario" = "$1" ]; }

WORK=$(mktemp -d /tmp/day2ops-perf.XXXXXX)
chmod 755 "$WORK"   # nginx workers (not root) must reach the Adminrouter state below it
mkdir -p "$WORK/phases" "$WORK/k6"
OUR_PIDS=()
started_suite=0
STATE=""
SUITE_START_SECONDS=null

stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do [ -d "/proc/$pid" ] || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$? pid
  for pid in "${OUR_PIDS[@]}"; do stop_pid "$pid"; done
  if [ "$started_suite" -eq 1 ]; then
    "$ROOT/bin/day2ops" down --state-dir "$STATE" >> "$WORK/suite-down.log" 2>&1 || true
  fi
  if [ "$keep" -eq 1 ] || [ "$rc" -ne 0 ]; then say "work files kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_bg LOG CMD... — start a process of ours in its own session; its PID in $!, remembered.
start_bg() {
  local log=$1; shift
  setsid "$@" > "$log" 2>&1 < /dev/null &
  OUR_PIDS+=("$!")
}
sample() { start_bg /dev/null "$PY" "$PERF/lib/perfkit.py" sample "$WORK/samples.csv" "$1=$2"; }
wait_http() {
  local url=$1 seconds=$2 deadline; deadline=$((SECONDS + seconds))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url")" = 200 ] && return 0
    sleep 0.2
  done
  return 1
}
now() { date +%s.%N; }
phase_file() { echo "$WORK/phases/$1.json"; }
k6_exit=0
run_k6() {   # run_k6 NAME SCRIPT -e ...: summary in $WORK/k6/NAME.json, exit code in $k6_exit
  local name=$1 script=$2; shift 2
  k6_exit=0
  "$K6" run --quiet --no-color --summary-export "$WORK/k6/$name.json" "$@" "$PERF/k6/$script" \
    > "$WORK/k6/$name.log" 2>&1 || k6_exit=$?
  if [ "$k6_exit" -ne 0 ]; then
    say "k6 $name exited $k6_exit: $(grep -E 'level=error|thresholds on metrics|Error' "$WORK/k6/$name.log" | head -n 3 | cut -c1-400)"
  fi
}
k6_field() { [ -f "$WORK/k6/$1.json" ] && kit json-get "$WORK/k6/$1.json" "$2" || true; }

# ── tools, peers, suite ───────────────────────────────────────────────────────────────────────
say "scenario $scenario (work: $WORK)"
echo "{\"loadavg_start\": $(kit loadavg), \"started\": $(now)}" > "$WORK/meta.json"
"$PERF/tools/install-peers.sh" || die "peers missing (perf/tools/install-peers.sh)"
K6=$("$PERF/tools/install-k6.sh") || die "k6 could not be installed (perf/tools/install-k6.sh)"
export K6
JCP=$("$PERF/tools/journal-classpath.sh") || die "journal/ class path unavailable"
# journal_load OUT ARGS... — the journald generator; its JSON is the last line of OUT.
# CLASSPATH in the environment (not -cp) keeps the long class path out of every entry's _CMDLINE.
journal_load() {
  local out=$1; shift
  CLASSPATH=$JCP java -XX:+UseSerialGC "$PERF/loadgen/JournalLoad.java" "$@" > "$out" 2> "$out.err" \
    || { say "journald generator failed: $(tail -n 3 "$out.err")"; return 1; }
}

if [ -n "$use_state" ]; then
  STATE=$(cd "$use_state" && pwd) BASE=$use_base
  [ -s "$STATE/operator.token" ] || die "$STATE/operator.token missing: is a suite running with that state dir?"
  STATSD_PORT=$(sed -n 's|.*StatsD node listener on udp://[^:]*:\([0-9]*\).*|\1|p' "$STATE/logs/metrics.log" | tail -n 1)
  PROM_PORT=$(sed -n 's|.*node Prometheus exposition on http://[^:]*:\([0-9]*\)/.*|\1|p' "$STATE/logs/metrics.log" | tail -n 1)
  [ -n "$STATSD_PORT" ] && [ -n "$PROM_PORT" ] || die "cannot find the StatsD/Prometheus ports in $STATE/logs/metrics.log"
  say "using the running suite at 127.0.0.1:$BASE ($STATE)"
else
  BASE=$(kit port-base)
  STATE=$WORK/suite
  mkdir -p "$STATE" && chmod 755 "$STATE"
  STATSD_PORT=$((BASE + 105)) PROM_PORT=$((BASE + 106))
  export METRICS_STATSD_PORT=$STATSD_PORT METRICS_PROMETHEUS_PORT=$PROM_PORT \
    METRICS_STATSD_CONTAINER_PORT_MIN=$((BASE + 300)) METRICS_STATSD_CONTAINER_PORT_MAX=$((BASE + 339)) \
    METRICS_STATSD_STATE_FILE=$STATE/statsd-containers.json
  say "starting the suite on 127.0.0.1:$BASE (services $((BASE + 101))-$((BASE + 104)), StatsD $STATSD_PORT)"
  started_suite=1
  up_started=$(now)
  "$ROOT/bin/day2ops" up --detach --port-base "$BASE" --state-dir "$STATE" > "$WORK/suite-up.log" 2>&1 \
    || { grep -v '^  ' "$WORK/suite-up.log" | tail -n 15 >&2; die "the suite did not start"; }
  SUITE_START_SECONDS=$(awk -v a="$up_started" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')
fi
TOKEN_FILE=$STATE/operator.token
AR=http://127.0.0.1:$BASE
pid_of() { awk '{print $1}' "$STATE/pids/$1.pid"; }
METRICS_PID=$(pid_of metrics) LOGS_PID=$(pid_of logs) AR_PID=$(pid_of adminrouter)
sample metrics-service "$METRICS_PID"
sample logs-service "$LOGS_PID"
sample adminrouter "$(pgrep -P "$AR_PID" | paste -sd+)"   # the nginx workers, summed

# ── metrics ───────────────────────────────────────────────────────────────────────────────────
if want metrics; then
  f=$(phase_file 10-metrics-k6)
  say "metrics: k6 /v0/node and /metrics through Adminrouter ($METRICS_VUS VUs × $METRICS_ITERATIONS each)"
  t0=$(now)
  run_k6 metrics metrics.js -e "BASE_URL=$AR" -e "TOKEN_FILE=$TOKEN_FILE" -e "VUS=$METRICS_VUS" -e "ITERATIONS=$METRICS_ITERATIONS"
  kit phase "$f" metrics-k6 "started=$t0" "ended=$(now)" "vus=$METRICS_VUS" "iterations_per_vu=$METRICS_ITERATIONS" \
    "k6_exit=$k6_exit" "k6=@$(kit k6 "$WORK/k6/metrics.json" > "$WORK/k6/metrics.flat" && echo "$WORK/k6/metrics.flat")" \
    "node.p50_ms=$(k6_field metrics 'metrics.http_req_duration{endpoint:node}.med')" \
    "node.p95_ms=$(k6_field metrics 'metrics.http_req_duration{endpoint:node}.p(95)')" \
    "prometheus.p50_ms=$(k6_field metrics 'metrics.http_req_duration{endpoint:prometheus}.med')" \
    "prometheus.p95_ms=$(k6_field metrics 'metrics.http_req_duration{endpoint:prometheus}.p(95)')" \
    "requests_per_s=$(k6_field metrics 'metrics.http_reqs.rate')" \
    "failed_rate=$(k6_field metrics 'metrics.http_req_failed.value')"

  f=$(phase_file 11-metrics-scrape)
  NE_PORT=$(kit ports 1)
  start_bg "$WORK/node-exporter.log" prometheus-node-exporter "--web.listen-address=127.0.0.1:$NE_PORT"
  NE_PID=$!
  wait_http "http://127.0.0.1:$NE_PORT/metrics" 20 || die "prometheus-node-exporter did not answer; see $WORK/node-exporter.log"
  sample node-exporter "$NE_PID"
  say "metrics: $SCRAPES sequential scrapes each: day2ops node exposition :$PROM_PORT, via Adminrouter, node-exporter :$NE_PORT"
  t0=$(now)
  # scrape_one KEY PID URL [k6 -e ...]: warm-up, then SCRAPES scrapes; CPU of PID around them.
  scrape_one() {
    local key=$1 pid=$2 url=$3; shift 3
    run_k6 "scrape-$key-warmup" scrape.js -e "URL=$url" -e "SCRAPES=$SCRAPE_WARMUP" "$@"
    local c0 c1; c0=$(kit cpu "$pid")
    run_k6 "scrape-$key" scrape.js -e "URL=$url" -e "SCRAPES=$SCRAPES" "$@"
    c1=$(kit cpu "$pid")
    local bytes series
    if [ -n "$TOKEN_HEADER" ]; then
      bytes=$(curl -s --max-time 20 -H "$TOKEN_HEADER" -o "$WORK/scrape-$key.txt" -w '%{size_download}' "$url")
    else
      bytes=$(curl -s --max-time 20 -o "$WORK/scrape-$key.txt" -w '%{size_download}' "$url")
    fi
    series=$(grep -cv '^#' "$WORK/scrape-$key.txt" || true)
    kit phase "$f" metrics-scrape "$key.k6_exit=$k6_exit" "$key.scrapes=$SCRAPES" \
      "$key.cpu_ms_per_scrape=$(awk -v a="$c0" -v b="$c1" -v n="$SCRAPES" 'BEGIN{printf "%.3f", (b-a)*1000/n}')" \
      "$key.p50_ms=$(k6_field "scrape-$key" 'metrics.http_req_duration.med')" \
      "$key.p95_ms=$(k6_field "scrape-$key" 'metrics.http_req_duration.p(95)')" \
      "$key.p99_ms=$(k6_field "scrape-$key" 'metrics.http_req_duration.p(99)')" \
      "$key.bytes=$bytes" "$key.series=$series"
  }
  TOKEN_HEADER="" scrape_one day2ops "$METRICS_PID" "http://127.0.0.1:$PROM_PORT/metrics"
  TOKEN_HEADER="" scrape_one node_exporter "$NE_PID" "http://127.0.0.1:$NE_PORT/metrics"
  TOKEN_HEADER="Authorization: token=$(cat "$TOKEN_FILE")" \
    scrape_one day2ops_adminrouter "$METRICS_PID" "$AR/system/v1/metrics/metrics" -e "TOKEN_FILE=$TOKEN_FILE"
  kit phase "$f" metrics-scrape "started=$t0" "ended=$(now)" \
    "note=day2ops = its node exposition port (unauthenticated, like node-exporter); day2ops_adminrouter = /system/v1/metrics/metrics with a token (CPU: metrics-service only). Sequential, one client."
  stop_pid "$NE_PID"
fi

# ── logs ──────────────────────────────────────────────────────────────────────────────────────
if want logs; then
  f=$(phase_file 20-logs-range)
  RUN_ID=perf-range-$(date +%s)-$$
  say "logs: writing $LOGS_ENTRIES entries (PERF_RUN_ID=$RUN_ID) through JournalWriter"
  t0=$(now)
  journal_load "$WORK/logs-dataset.json" --rate 2000 --duration "$(awk -v n="$LOGS_ENTRIES" 'BEGIN{print n/2000}')" \
    --tasks 20 --run-id "$RUN_ID" || die "could not write the logs data set"
  accepted=$(kit json-get "$WORK/logs-dataset.json" accepted)
  kit phase "$f" logs-range "dataset=@$WORK/logs-dataset.json"
  if [ "${accepted:-0}" -lt "$LOGS_ENTRIES" ]; then
    # journald rate-limited the writer: compare on what it stored (all readers see the same set).
    [ "${accepted:-0}" -gt 0 ] || die "journald stored none of the data set entries; see $WORK/logs-dataset.json.err"
    say "journald stored $accepted of $LOGS_ENTRIES entries (rate limited); reading $accepted per request"
    LOGS_ENTRIES=$accepted
  fi
  GW_PORT=$(kit ports 1)
  start_bg "$WORK/gatewayd.log" systemd-socket-activate -l "127.0.0.1:$GW_PORT" /lib/systemd/systemd-journal-gatewayd
  GW_PID=$!
  wait_http "http://127.0.0.1:$GW_PORT/machine" 20 || die "systemd-journal-gatewayd did not answer; see $WORK/gatewayd.log"
  sample gatewayd "$GW_PID"
  say "logs: range reads of $LOGS_ENTRIES entries ($LOGS_VUS VUs × $LOGS_ITERATIONS): day2ops via Adminrouter, direct, gatewayd"
  range_one() {
    local key=$1 pid=$2 base=$3; shift 3
    local c0 c1; c0=$(kit cpu "$pid")
    run_k6 "range-$key" logs-range.js -e "BASE_URL=$base" -e "RUN_ID=$RUN_ID" -e "ENTRIES=$LOGS_ENTRIES" \
      -e "VUS=$LOGS_VUS" -e "ITERATIONS=$LOGS_ITERATIONS" "$@"
    c1=$(kit cpu "$pid")
    local read; read=$(k6_field "range-$key" 'metrics.log_entries_read.count')
    kit phase "$f" logs-range "$key.k6_exit=$k6_exit" \
      "$key.entries_read=${read:-0}" \
      "$key.entries_per_s=$(k6_field "range-$key" 'metrics.log_entries_read.rate')" \
      "$key.p50_ms=$(k6_field "range-$key" 'metrics.http_req_duration{endpoint:range}.med')" \
      "$key.p95_ms=$(k6_field "range-$key" 'metrics.http_req_duration{endpoint:range}.p(95)')" \
      "$key.server_cpu_ms_per_1000_entries=$(awk -v a="$c0" -v b="$c1" -v n="${read:-0}" 'BEGIN{ if (n > 0) printf "%.3f", (b-a)*1e6/n; else print "null" }')" \
      "$key.error=$(grep -o 'the endpoint is absent or broken[^"]*\|HTTP [0-9]\{3\}[^"]\{0,80\}' "$WORK/k6/range-$key.log" | head -n 1)"
  }
  range_one day2ops_adminrouter "$LOGS_PID" "$AR" -e "TOKEN_FILE=$TOKEN_FILE"
  range_one day2ops_direct "$LOGS_PID" "http://127.0.0.1:$((BASE + 101))" -e PREFIX= -e "TOKEN_FILE=$TOKEN_FILE"
  range_one gatewayd "$GW_PID" "http://127.0.0.1:$GW_PORT" -e PREFIX=
  kit phase "$f" logs-range "started=$t0" "ended=$(now)" "entries_per_request=$LOGS_ENTRIES" "vus=$LOGS_VUS" \
    "note=GET /entries?PERF_RUN_ID=… Accept: application/json, Range: entries=:N; same journal, same entries for all three"

  f=$(phase_file 21-logs-follow)
  say "logs: $FOLLOW_CLIENTS concurrent SSE followers, $FOLLOW_ENTRIES entries written at $FOLLOW_RATE/s: day2ops via Adminrouter, gatewayd"
  t0=$(now)
  follow_one() {
    local key=$1 base=$2 port=$3; shift 3
    local run_id
    run_id=perf-follow-$key-$(date +%s)-$$
    k6_exit=0
    "$K6" run --quiet --no-color --summary-export "$WORK/k6/follow-$key.json" -e "BASE_URL=$base" -e "RUN_ID=$run_id" \
      -e "ENTRIES=$FOLLOW_ENTRIES" -e "CLIENTS=$FOLLOW_CLIENTS" -e TIMEOUT=90s "$@" "$PERF/k6/logs-follow.js" \
      > "$WORK/k6/follow-$key.log" 2>&1 &
    local k6_pid=$! i connected=0
    for i in $(seq 1 100); do   # until every client holds its connection (or 20 s)
      connected=$(ss -Htn state established "( dport = :$port )" 2>/dev/null | wc -l)
      [ "$connected" -ge "$FOLLOW_CLIENTS" ] && break
      [ -d "/proc/$k6_pid" ] || break
      sleep 0.2
    done
    journal_load "$WORK/follow-$key-writer.json" --rate "$FOLLOW_RATE" \
      --duration "$(awk -v n="$FOLLOW_ENTRIES" -v r="$FOLLOW_RATE" 'BEGIN{print n/r}')" --tasks 5 --run-id "$run_id" || true
    wait "$k6_pid" || k6_exit=$?
    [ "$k6_exit" -eq 0 ] || say "k6 follow-$key exited $k6_exit: $(grep -E 'level=error|Error|thresholds' "$WORK/k6/follow-$key.log" | head -n 2 | cut -c1-300)"
    kit phase "$f" logs-follow "$key.k6_exit=$k6_exit" "$key.clients_connected_before_writing=$connected" \
      "$key.entries_received=$(k6_field "follow-$key" 'metrics.follow_entries_received.count')" \
      "$key.entries_expected=$((FOLLOW_CLIENTS * FOLLOW_ENTRIES))" \
      "$key.p50_ms=$(k6_field "follow-$key" 'metrics.follow_last_entry_latency_ms.med')" \
      "$key.p99_ms=$(k6_field "follow-$key" 'metrics.follow_last_entry_latency_ms.p(99)')" \
      "$key.writer=@$WORK/follow-$key-writer.json"
  }
  follow_one day2ops_adminrouter "$AR" "$BASE" -e "TOKEN_FILE=$TOKEN_FILE"
  # The latency threshold is day2ops' budget; the peer is measured, not judged.
  follow_one gatewayd "http://127.0.0.1:$GW_PORT" "$GW_PORT" -e PREFIX= -e P99_LATENCY_MS=600000
  kit phase "$f" logs-follow "started=$t0" "ended=$(now)" "clients=$FOLLOW_CLIENTS" "entries=$FOLLOW_ENTRIES" "rate=$FOLLOW_RATE" \
    "note=latency = client receipt of the last entry − its PERF_SENT_US (written at send); one figure per client"
  stop_pid "$GW_PID"
fi

# ── statsd ────────────────────────────────────────────────────────────────────────────────────
if want statsd; then
  f=$(phase_file 30-statsd-ramp)
  CD_PORT=$(kit ports 1)
  mkdir -p "$WORK/collectd"
  cat > "$WORK/collectd/collectd.conf" <<CONF
Hostname "perf"
FQDNLookup false
BaseDir "$WORK/collectd"
PIDFile "$WORK/collectd/collectd.pid"
PluginDir "/usr/lib/collectd"
TypesDB "/usr/share/collectd/types.db"
Interval 10
LoadPlugin logfile
<Plugin logfile>
  LogLevel info
  File STDOUT
</Plugin>
LoadPlugin statsd
<Plugin statsd>
  Host "127.0.0.1"
  Port "$CD_PORT"
  TimerPercentile 50
  TimerPercentile 90
  TimerPercentile 99
  TimerCount true
</Plugin>
CONF
  start_bg "$WORK/collectd/collectd.log" /usr/sbin/collectd -f -C "$WORK/collectd/collectd.conf"
  CD_PID=$!
  for i in $(seq 1 50); do grep -q ":$(printf '%04X' "$CD_PORT") " /proc/net/udp && break; sleep 0.2; done
  grep -q ":$(printf '%04X' "$CD_PORT") " /proc/net/udp || die "collectd's statsd plugin does not listen on $CD_PORT; see $WORK/collectd/collectd.log"
  sample collectd "$CD_PID"
  packets() { curl -s --max-time 10 "http://127.0.0.1:$PROM_PORT/metrics" | sed -n 's/^day2ops_statsd_packets_received_total{listener="node"} \([0-9.eE+]*\)$/\1/p'; }
  say "statsd: zero-loss ramp $STATSD_RAMP datagrams/s × ${STATSD_STEP_SECONDS}s: day2ops :$STATSD_PORT, collectd :$CD_PORT"
  t0=$(now)
  p0=$(packets)
  "$PY" "$PERF/loadgen/statsd_load.py" --target "127.0.0.1:$STATSD_PORT" --ramp "$STATSD_RAMP" \
    --step-seconds "$STATSD_STEP_SECONDS" > "$WORK/statsd-day2ops.json" 2> "$WORK/statsd-day2ops.err" || die "statsd load failed: $(tail -n 2 "$WORK/statsd-day2ops.err")"
  sleep 1
  p1=$(packets)
  "$PY" "$PERF/loadgen/statsd_load.py" --target "127.0.0.1:$CD_PORT" --ramp "$STATSD_RAMP" \
    --step-seconds "$STATSD_STEP_SECONDS" > "$WORK/statsd-collectd.json" 2> "$WORK/statsd-collectd.err" || die "statsd load failed: $(tail -n 2 "$WORK/statsd-collectd.err")"
  read -r sent dropped < <("$PY" -c 'import json,sys; st=json.load(open(sys.argv[1]))["steps"]; print(sum(s["sent"] for s in st), sum(s["kernel_drops"] for s in st))' "$WORK/statsd-day2ops.json")
  kit phase "$f" statsd-ramp "started=$t0" "ended=$(now)" "day2ops=@$WORK/statsd-day2ops.json" "collectd=@$WORK/statsd-collectd.json" \
    "day2ops_server_counted.sent=$sent" "day2ops_server_counted.kernel_drops=$dropped" \
    "day2ops_server_counted.delivered_by_kernel=$((sent - dropped))" \
    "day2ops_server_counted.packets_received=$(awk -v a="${p0:-0}" -v b="${p1:-0}" 'BEGIN{printf "%d", b-a}')" \
    "note=types c,g,ms,s (what both servers parse); one line per datagram; loss = kernel drops on the receiving socket (/proc/net/udp)"
  stop_pid "$CD_PID"

  f=$(phase_file 31-statsd-containers)
  say "statsd: $CONTAINERS container listeners registered through Adminrouter, $CONTAINER_RATE datagrams/s over them"
  t0=$(now)
  targets=() registered=()
  for i in $(seq 1 "$CONTAINERS"); do
    cid=perf-container-$i-$$
    code=$(curl -s --max-time 10 -o "$WORK/reg-$i.json" -w '%{http_code}' -X POST -H "Authorization: token=$(cat "$TOKEN_FILE")" \
      -H 'Content-Type: application/json' -d "{\"container_id\": \"$cid\"}" "$AR/system/v1/metrics/v0/statsd/containers")
    [ "$code" = 201 ] || { say "registering $cid answered HTTP $code: $(head -c 200 "$WORK/reg-$i.json")"; continue; }
    registered+=("$cid")
    targets+=(--target "127.0.0.1:$(kit json-get "$WORK/reg-$i.json" statsd_port)")
  done
  if [ ${#registered[@]} -gt 0 ]; then
    "$PY" "$PERF/loadgen/statsd_load.py" "${targets[@]}" --rate "$CONTAINER_RATE" --duration "$CONTAINER_SECONDS" --tags \
      > "$WORK/statsd-containers.json" 2> "$WORK/statsd-containers.err" || say "container load failed: $(tail -n 2 "$WORK/statsd-containers.err")"
  fi
  for cid in "${registered[@]}"; do
    curl -s --max-time 10 -o /dev/null -X DELETE -H "Authorization: token=$(cat "$TOKEN_FILE")" "$AR/system/v1/metrics/v0/statsd/containers/$cid" || true
  done
  kit phase "$f" statsd-containers "started=$t0" "ended=$(now)" "containers_requested=$CONTAINERS" \
    "containers_registered=${#registered[@]}" ${registered:+"load=@$WORK/statsd-containers.json"}
fi

# ── journald ──────────────────────────────────────────────────────────────────────────────────
if want journald; then
  f=$(phase_file 40-journald)
  say "journald: generator at $JOURNALD_RATES lines/s × ${JOURNALD_SECONDS}s, accepted counted from the journal"
  t0=$(now)
  IFS=, read -r -a rates <<< "$JOURNALD_RATES"
  for r in "${rates[@]}"; do
    journal_load "$WORK/journald-$r.json" --rate "$r" --duration "$JOURNALD_SECONDS" --tasks 50 \
      --sizes 80:70,400:25,4000:5 --run-id "perf-journald-$r-$(date +%s)-$$" || true
    kit phase "$f" journald "rate_$r=@$WORK/journald-$r.json"
  done
  kit phase "$f" journald "started=$t0" "ended=$(now)" \
    "note=accepted = entries with this run's PERF_RUN_ID read back through journal/; accepted < sent means journald dropped (rate limiting) them"
fi

# ── report ────────────────────────────────────────────────────────────────────────────────────
for pid in "${OUR_PIDS[@]}"; do stop_pid "$pid"; done
OUR_PIDS=()
mkdir -p "$out_dir"
"$PY" - "$WORK/meta.json" "$BASE" "$started_suite" "$SUITE_START_SECONDS" <<'PY'
import json, sys
path, base, started, start_s = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
m = json.load(open(path))
m.update({"adminrouter_port": base, "suite_started_by_runner": started,
          "suite_start_seconds": None if start_s == "null" else float(start_s)})
json.dump(m, open(path, "w"))
PY
kit report "$scenario" "$WORK" "$out_dir/$scenario.json" "$out_dir/$scenario.png"
say "wrote $out_dir/$scenario.json and $out_dir/$scenario.png"
if [ "$gate" -eq 1 ] && [ -f "$PERF/baselines/$scenario.json" ]; then
  kit gate "$out_dir/$scenario.json" "$PERF/baselines/$scenario.json" "perf-$scenario"
fi
