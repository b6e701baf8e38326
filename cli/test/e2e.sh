#!/usr/bin/env bash
# End-to-end test of the built `day2` CLI against a running suite through Adminrouter:
#   cli/test/e2e.sh ADMINROUTER_URL TOKEN_FILE
# e.g. bin/day2ops up --detach --port-base 18500 --state-dir "$dir"
#      cli/test/e2e.sh http://127.0.0.1:18500 "$dir/operator.token"
# Writes real journal lines (systemd-cat) and finds them with `node log` (once and following), reads
# node metrics, node diagnostics, runs the node checks, checks the error lines, and creates, inspects,
# downloads and deletes a diagnostics bundle when the bundle API answers (a printed skip otherwise).
# One line per check; last line "cli e2e: N passed, M failed, K skipped"; exit status 1 on any failure.
set -uo pipefail

url=${1:?usage: e2e.sh ADMINROUTER_URL TOKEN_FILE}
token_file=${2:?usage: e2e.sh ADMINROUTER_URL TOKEN_FILE}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ -r "$token_file" ] || { echo "e2e.sh: cannot read token file $token_file" >&2; exit 2; }
command -v systemd-cat > /dev/null || { echo "e2e.sh: systemd-cat (package systemd) is needed" >&2; exit 2; }

export DAY2OPS_URL=$url DAY2OPS_TOKEN_FILE=$token_file
unset DAY2OPS_TOKEN
work=$(mktemp -d "${TMPDIR:-/tmp}/day2-cli-e2e.XXXXXX")
follower=
cleanup() {
  [ -n "$follower" ] && kill "$follower" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s: %s\n' "$1" "$2"; }
skip() { skipped=$((skipped + 1)); printf 'skip  %s: %s\n' "$1" "$2"; }

# day2 ARGS… → stdout in $work/out, stderr in $work/err, exit code in $rc
rc=0
day2() { "$root/bin/day2" "$@" > "$work/out" 2> "$work/err"; rc=$?; }
# A failing command must explain itself in one "day2: …" line, never with a stack trace.
no_trace() { ! grep -qE '^\s+at [a-zA-Z_.$]+\(|Exception' "$work/err"; }

# Build the CLI once up front so that no check pays for it.
"$root/bin/day2" --version > /dev/null || { echo "e2e.sh: the CLI does not start" >&2; exit 2; }

# --- node log: a unique line written to the journal is found -----------------------------------
marker="day2-cli-e2e-$(date +%s%N)-$$"
systemd-cat -t day2-cli-e2e printf '%s\n' "$marker"
found=no
for _ in $(seq 1 20); do
  day2 node log --lines 1000
  if [ "$rc" -eq 0 ] && grep -q -- "^[0-9-]* [0-9:]*: $marker\$" "$work/out"; then found=yes; break; fi
  sleep 0.5
done
[ "$found" = yes ] && pass "node log finds a line written with systemd-cat" \
  || fail "node log finds a line written with systemd-cat" "exit $rc, $(head -c 300 "$work/err")"

day2 node log --lines 1000 --json
if [ "$rc" -eq 0 ] && grep -F -- "\"MESSAGE\":\"$marker\"" "$work/out" | grep -q '"SYSLOG_IDENTIFIER":"day2-cli-e2e"'; then
  pass "node log --json has the entry's fields"
else
  fail "node log --json has the entry's fields" "exit $rc, $(head -c 300 "$work/err")"
fi

# The launcher's cluster directory knows this node as agent "local": the master → agent route.
day2 node log --lines 1000 --agent local
if [ "$rc" -eq 0 ] && grep -q -- "$marker" "$work/out"; then
  pass "node log --agent local goes through /system/v1/agent/local/logs"
else
  fail "node log --agent local goes through /system/v1/agent/local/logs" "exit $rc, $(head -c 300 "$work/err")"
fi

# --- node log --follow: a line written while following shows up ------------------------------
follow_marker="day2-cli-e2e-follow-$(date +%s%N)-$$"
"$root/bin/day2" node log --follow --lines 0 > "$work/follow.out" 2> "$work/follow.err" &
follower=$!
seen=no
# Lines are written until one arrives: the follower's start (JVM, connection) takes a while on a busy machine.
for i in $(seq 1 60); do
  systemd-cat -t day2-cli-e2e printf '%s\n' "$follow_marker-$i"
  sleep 0.5
  if grep -q -- "$follow_marker-" "$work/follow.out"; then seen=yes; break; fi
  kill -0 "$follower" 2> /dev/null || break
done
if [ "$seen" = yes ]; then
  # every line written after the first one seen must arrive too, once and in order
  first=$(grep -o -- "$follow_marker-[0-9]*" "$work/follow.out" | head -n 1); first=${first##*-}
  for j in 1 2 3; do systemd-cat -t day2-cli-e2e printf '%s\n' "$follow_marker-after-$j"; done
  for _ in $(seq 1 20); do
    [ "$(grep -c -- "$follow_marker-after-" "$work/follow.out")" -ge 3 ] && break
    sleep 0.5
  done
  after=$(grep -o -- "$follow_marker-after-[0-9]*" "$work/follow.out" | tr '\n' ' ')
  if [ "$after" = "$follow_marker-after-1 $follow_marker-after-2 $follow_marker-after-3 " ]; then
    pass "node log --follow prints new lines once, in order (first seen: line $first)"
  else
    fail "node log --follow prints new lines once, in order" "got: $after"
  fi
else
  fail "node log --follow prints new lines" "nothing within 30 s; stderr: $(head -c 300 "$work/follow.err")"
fi
kill "$follower" 2> /dev/null; wait "$follower" 2> /dev/null; follower=

# --- node metrics: a table with cpu and memory rows in units for people -------------------------
for _ in $(seq 1 30); do
  day2 node metrics
  [ "$rc" -eq 0 ] && break
  grep -q 'not collected metrics yet' "$work/err" || break
  sleep 1
done
if [ "$rc" -eq 0 ] && grep -qE '^cpu\.total +[0-9]+\.[0-9]{2}%$' "$work/out" \
    && grep -qE '^memory\.total +[0-9.]+ (KiB|MiB|GiB|TiB)$' "$work/out"; then
  pass "node metrics shows cpu.total (percent) and memory.total (binary units)"
else
  fail "node metrics shows cpu.total and memory.total" "exit $rc, $(head -c 300 "$work/err")$(grep -E '^(cpu|memory)\.total' "$work/out")"
fi
day2 node metrics --json
if [ "$rc" -eq 0 ] && grep -q '"name":"memory.total"' "$work/out"; then pass "node metrics --json is the API's JSON"
else fail "node metrics --json is the API's JSON" "exit $rc, $(head -c 300 "$work/err")"; fi

# --- node diagnostics -------------------------------------------------------------------------
day2 node diagnostics
if [ "$rc" -eq 0 ] && { head -n 1 "$work/out" | grep -qE '^NODE +ROLE +UNIT +HEALTH +OUTPUT$' \
    || grep -qE '^all units healthy on [0-9]+ node\(s\)$' "$work/out"; }; then
  pass "node diagnostics lists unhealthy units (or says all are healthy)"
elif [ "$rc" -eq 1 ] && grep -q '^day2: 503 Service Unavailable: .*D-Bus' "$work/err"; then
  skip "node diagnostics" "the diagnostics service has no systemd bus on this machine: $(cat "$work/err")"
else
  fail "node diagnostics" "exit $rc, $(head -c 300 "$work/err")"
fi

# --- check node: the results table and the combined status as exit code ------------------------
day2 check node
status_line=$(grep -E '^status: [0-3] \((OK|WARNING|CRITICAL|UNKNOWN)\)$' "$work/out")
if [ -n "$status_line" ] && [ "$rc" -eq "$(sed -E 's/^status: ([0-3]).*/\1/' <<< "$status_line")" ]; then
  pass "check node prints the results and exits with the combined status ($rc)"
else
  fail "check node" "exit $rc, $(head -c 300 "$work/err")"
fi

# --- errors: one line, right exit code, no stack trace ----------------------------------------
"$root/bin/day2" node log --token not-a-jwt > "$work/out" 2> "$work/err"; rc=$?
if [ "$rc" -eq 1 ] && grep -q '^day2: 401 Unauthorized' "$work/err" && [ "$(wc -l < "$work/err")" -eq 1 ] && no_trace; then
  pass "a bad token is one '401 Unauthorized' line, exit 1"
else
  fail "a bad token is one '401 Unauthorized' line, exit 1" "exit $rc, $(head -c 300 "$work/err")"
fi
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$root/bin/day2" node metrics --url "http://127.0.0.1:$closed_port" > "$work/out" 2> "$work/err"; rc=$?
if [ "$rc" -eq 3 ] && grep -q "^day2: cannot connect to http://127.0.0.1:$closed_port: connection refused" "$work/err" && no_trace; then
  pass "an unreachable URL is named, exit 3"
else
  fail "an unreachable URL is named, exit 3" "exit $rc, $(head -c 300 "$work/err")"
fi

# --- diagnostics bundles (when the bundle API is there) ---------------------------------------
# bundle_cycle LABEL [--local]: create --wait, status, download (a valid zip, no temp file), delete, and
# a download after the delete must fail without writing anything.
bundle_cycle() {
  local label=$1 id
  shift
  timeout 600 "$root/bin/day2" diagnostics bundle create "$@" --wait > "$work/out" 2> "$work/err"; rc=$?
  id=$(head -n 1 "$work/out")
  if [ "$rc" -eq 1 ] && tail -n 1 "$work/err" | grep -q "^day2: 400 Bad Request: .*no nodes"; then
    skip "$label" "the cluster directory has no nodes here: $(tail -n 1 "$work/err")"
    return
  fi
  if [ "$rc" -eq 0 ] && [[ $id =~ ^[0-9a-f-]{36}$ ]] && grep -q "^bundle $id done" "$work/err"; then
    pass "$label: create --wait ends Done"
  else
    fail "$label: create --wait" "exit $rc, id '$id', $(tail -c 300 "$work/err")"
  fi
  [ -n "$id" ] || return
  day2 diagnostics bundle status "$@" "$id"
  if [ "$rc" -eq 0 ] && grep -qE '^status +Done$' "$work/out"; then pass "$label: status ID shows Done"
  else fail "$label: status ID" "exit $rc, $(head -c 300 "$work/err")$(head -c 300 "$work/out")"; fi
  rm -f "$work/bundle.zip"
  day2 diagnostics bundle download "$@" "$id" -o "$work/bundle.zip"
  if [ "$rc" -eq 0 ] && [ "$(head -c 2 "$work/bundle.zip" 2> /dev/null)" = PK ] \
      && { ! command -v unzip > /dev/null || unzip -tq "$work/bundle.zip" > /dev/null; } \
      && [ -z "$(find "$work" -name '*.part')" ]; then
    pass "$label: download writes a valid zip ($(stat -c %s "$work/bundle.zip") bytes), no temp file left"
  else
    fail "$label: download" "exit $rc, $(head -c 300 "$work/err")"
  fi
  day2 diagnostics bundle delete "$@" "$id"
  if [ "$rc" -eq 0 ]; then pass "$label: delete"; else fail "$label: delete" "exit $rc, $(head -c 300 "$work/err")"; fi
  day2 diagnostics bundle download "$@" "$id" -o "$work/deleted.zip"
  if [ "$rc" -eq 1 ] && grep -qE '^day2: (404|410) ' "$work/err" && [ ! -e "$work/deleted.zip" ]; then
    pass "$label: a deleted bundle cannot be downloaded ($(cut -c7-40 "$work/err"))"
  else
    fail "$label: a deleted bundle cannot be downloaded" "exit $rc, $(head -c 300 "$work/err")"
  fi
}

day2 diagnostics bundle status --local
if [ "$rc" -eq 1 ] && grep -q '^day2: 404 Not Found' "$work/err"; then
  skip "diagnostics bundle create/status/download/delete" "the bundle API answers 404 ($(cat "$work/err"))"
elif [ "$rc" -ne 0 ]; then
  fail "diagnostics bundle status --local (list)" "exit $rc, $(head -c 300 "$work/err")"
else
  pass "diagnostics bundle status --local lists bundles"
  bundle_cycle "node bundle" --local
  bundle_cycle "cluster bundle"
fi

echo "cli e2e: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
