#!/usr/bin/env bash
# Adminrouter tests: real nginx instances rendered by render.sh, recording upstreams, a Mesos
# state-summary stub and tokens minted with the openssl CLI — all on loopback ports picked at
# run time. Needs only Debian packages: nginx libnginx-mod-http-js openssl python3 systemd.
#
#   adminrouter/test/run.sh [-v] [PATTERN…]     PATTERN: substring of a test id, e.g. test_audit
#
# The audit test reads the journal: when no journald answers, a standalone one is started (root
# only) and stopped again. Everything started is stopped by PID. The last line is always
# "adminrouter: N passed, M failed"; the exit status is non-zero when anything failed.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
journald_pid=""

finish() {
  if [ -n "$journald_pid" ] && kill -0 "$journald_pid" 2>/dev/null; then
    kill -TERM "$journald_pid" 2>/dev/null
    wait "$journald_pid" 2>/dev/null
  fi
}
trap finish EXIT

fail() {
  echo "run.sh: $*" >&2
  echo "adminrouter: 0 passed, 1 failed"
  exit 1
}

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_js_module.so ] || [ -f /usr/lib64/nginx/modules/ngx_http_js_module.so ] \
  || missing+=(libnginx-mod-http-js)
command -v openssl >/dev/null || missing+=(openssl)
command -v python3 >/dev/null || missing+=(python3)
command -v envsubst >/dev/null || missing+=(gettext-base)
command -v journalctl >/dev/null || missing+=(systemd)
[ ${#missing[@]} -eq 0 ] || fail "missing commands; install: apt-get install -y --no-install-recommends ${missing[*]}"
export PATH=$PATH:/usr/sbin
export PYTHONDONTWRITEBYTECODE=1  # nothing written into the repository

journald_answers() { echo "adminrouter test probe" | systemd-cat -t adminrouter-test-probe -p debug 2>/dev/null; }
if ! journald_answers; then
  journald=/lib/systemd/systemd-journald
  [ -x "$journald" ] || fail "no journald answers and $journald is missing (package systemd)"
  [ "$(id -u)" -eq 0 ] || fail "no journald answers; starting one needs root"
  [ -s /etc/machine-id ] || systemd-machine-id-setup >/dev/null 2>&1 || fail "cannot create /etc/machine-id"
  "$journald" >/dev/null 2>&1 &
  journald_pid=$!
  for _ in $(seq 1 50); do journald_answers && break; sleep 0.1; done
  journald_answers || fail "the standalone journald does not accept entries"
fi

cd "$here" || fail "cannot enter $here"
python3 run_tests.py "$@"
