# shellcheck shell=bash
# Makes sure a journald accepts entries on this host. Where none answers (containers, CI
# machines without systemd as PID 1) a standalone systemd-journald is started and recorded so
# that `down` stops it again.

JOURNALD_BIN=${JOURNALD_BIN:-/lib/systemd/systemd-journald}

journald_answers() {
  echo "day2ops journal probe" | systemd-cat -t day2ops-probe -p debug 2>/dev/null
}

ensure_journald() {
  if journald_answers; then
    return 0
  fi
  [ -x "$JOURNALD_BIN" ] || die "no journald answers and $JOURNALD_BIN is missing (package systemd)"
  [ "$(id -u)" -eq 0 ] || die "no journald answers; starting one needs root"
  [ -s /etc/machine-id ] || systemd-machine-id-setup >/dev/null 2>&1 || die "cannot create /etc/machine-id"
  log "no journald answers; starting a standalone $JOURNALD_BIN"
  start_process journald "$DAY2OPS_LOG_DIR/journald.log" "$JOURNALD_BIN"
  local i
  for i in $(seq 1 50); do
    journald_answers && { log "journald is up (pid $(recorded_pid journald))"; return 0; }
    sleep 0.1
  done
  die "journald started but does not accept entries; see $DAY2OPS_LOG_DIR/journald.log"
}
