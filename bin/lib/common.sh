# shellcheck shell=bash
# Shared helpers of bin/day2ops: logging, process bookkeeping (only what we started), waiting.

DAY2OPS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

log() { printf '\033[1;34mday2ops\033[0m %s\n' "$*" >&2 || true; }
warn() { printf '\033[1;33mday2ops\033[0m %s\n' "$*" >&2 || true; }
die() { printf '\033[1;31mday2ops\033[0m %s\n' "$*" >&2; exit 1; }

# start_process NAME LOGFILE CMD... — starts CMD in its own session (so a terminal's Ctrl-C
# reaches only this script, which then stops it in order), records its PID and start time.
start_process() {
  local name=$1 logfile=$2; shift 2
  setsid "$@" >>"$logfile" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid $(process_start_time "$pid")" > "$DAY2OPS_PID_DIR/$name.pid"
}

# The kernel's start time of a process (field 22 of /proc/PID/stat, after the command name,
# which may itself contain spaces and parentheses).
process_start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  awk '{ print $20 }' <<<"$stat"
}

# is_ours NAME — whether the process recorded for NAME is still the one we started: same PID and
# same start time (guards against PID reuse; nginx rewrites its command line, so not that).
is_ours() {
  local pidfile="$DAY2OPS_PID_DIR/$1.pid" pid start
  [ -f "$pidfile" ] || return 1
  read -r pid start < "$pidfile"
  [ -n "$start" ] && [ "$(process_start_time "$pid")" = "$start" ]
}

recorded_pid() { awk '{ print $1 }' "$DAY2OPS_PID_DIR/$1.pid"; }

# stop_processes NAME... — TERM to every one of them that is ours, then up to 15 s for all to
# exit, then KILL what is left. Only processes is_ours recognises are signalled.
stop_processes() {
  local name pid i
  local -a names=() pids=()
  for name in "$@"; do
    if is_ours "$name"; then
      pid=$(recorded_pid "$name")
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name") pids+=("$pid")
    else
      rm -f "$DAY2OPS_PID_DIR/$name.pid"
    fi
  done
  for i in $(seq 1 150); do
    local alive=0
    for pid in "${pids[@]}"; do [ -d "/proc/$pid" ] && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  for i in "${!pids[@]}"; do
    if [ -d "/proc/${pids[$i]}" ]; then
      warn "${names[$i]} (pid ${pids[$i]}) did not stop within 15 s; killing it"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
    log "stopped ${names[$i]} (pid ${pids[$i]})"
    rm -f "$DAY2OPS_PID_DIR/${names[$i]}.pid"
  done
}

stop_process() { stop_processes "$1"; }

# wait_http URL SECONDS [CURL-ARGS...] — until URL answers 200, or fail after SECONDS.
wait_http() {
  local url=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url")" = 200 ] && return 0
    sleep 0.3
  done
  return 1
}
