# shellcheck shell=bash
# Shared helpers of bin/day2ops: logging, process bookkeeping (only what we started), waiting.

DAY2OPS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

log() { printf '\033[1;34mday2ops\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33mday2ops\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mday2ops\033[0m %s\n' "$*" >&2; exit 1; }

# start_process NAME LOGFILE CMD... — starts CMD in its own session (so a terminal's Ctrl-C
# reaches only this script, which then stops it in order), records its PID.
start_process() {
  local name=$1 logfile=$2; shift 2
  setsid "$@" >>"$logfile" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" > "$DAY2OPS_PID_DIR/$name.pid"
  printf '%s\0' "$@" > "$DAY2OPS_PID_DIR/$name.cmd"
}

# is_ours NAME — whether the PID recorded for NAME is alive and runs exactly the command line
# we started (guards against PID reuse: never signal someone else's process).
is_ours() {
  local pidfile="$DAY2OPS_PID_DIR/$1.pid" pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -r "/proc/$pid/cmdline" ] || return 1
  # Not `cmp -s`: it trusts file sizes, and /proc reports 0 for cmdline.
  cmp "/proc/$pid/cmdline" "$DAY2OPS_PID_DIR/$1.cmd" >/dev/null 2>&1
}

# stop_process NAME — TERM, up to 15 s grace, then KILL; only if is_ours.
stop_process() {
  local name=$1 pidfile="$DAY2OPS_PID_DIR/$1.pid" pid i
  if is_ours "$name"; then
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 150); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then
      warn "$name (pid $pid) did not stop within 15 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile" "$DAY2OPS_PID_DIR/$name.cmd"
}

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
