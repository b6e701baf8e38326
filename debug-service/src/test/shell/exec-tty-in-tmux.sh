#!/usr/bin/env bash
# `day2 task exec -it` in a real terminal: tmux runs the CLI against the packaged debug-service and a task
# in its own pid/mount/uts/net namespaces; keystrokes go in with send-keys, the screen is read back with
# capture-pane. Checks: the task's hostname, `stty size` at start and after `tmux resize-window`
# (SIGWINCH -> resize message), and the remote exit status as the CLI's (`exit 7` -> 7).
#
# Usage: debug-service/src/test/shell/exec-tty-in-tmux.sh   (as root, after `./mvnw -pl debug-service,cli install`)
# Prints "exec-tty-in-tmux: N passed, M failed"; exits non-zero on a failure. Skips (exit 0, reason printed)
# without tmux, root, or the built jars. Everything it starts runs under a private temp directory and a
# private tmux server (-L), and is stopped by pid on exit. Audit records (the service refuses sessions it cannot
# record) go to a journald of the test's own, in a private namespace, not to the host's.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
name=exec-tty-in-tmux
service_jar=$root/debug-service/target/quarkus-app/quarkus-run.jar
cli_jar=$root/cli/target/quarkus-app/quarkus-run.jar

skip() { echo "$name: SKIPPED: $*"; exit 0; }
command -v tmux >/dev/null || skip "tmux is not installed (Debian package tmux, in DAY2OPS_APT_PACKAGES)"
[ "$(id -u)" = 0 ] || skip "entering a task's namespaces needs root"
for tool in unshare openssl curl python3; do command -v "$tool" >/dev/null || skip "$tool is not installed"; done
[ -f "$service_jar" ] || skip "$service_jar not built (./mvnw -pl debug-service install)"
[ -f "$cli_jar" ] || skip "$cli_jar not built (./mvnw -pl cli install)"

work=$(mktemp -d -t day2ops-tmux-XXXXXX)
tmux_socket=day2ops-test-$$
task_pid='' service_pid='' journald_pid='' keepalive_pid=''
journal_ns=d2o-tmux-$$
cleanup() {
  tmux -L "$tmux_socket" kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$tmux_socket"
  for pid in "$keepalive_pid" "$journald_pid"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "/etc/systemd/journald@$journal_ns.conf" "/run/systemd/journal.$journal_ns" \
    "/run/log/journal/$(cat /etc/machine-id).$journal_ns"
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  if [ -n "$task_pid" ]; then kill -KILL "$task_pid" 2>/dev/null || true; wait "$task_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
check() { # description, command...
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "  ok   $what"; else failed=$((failed + 1)); echo "  FAIL $what"; fi
}
screen() { tmux -L "$tmux_socket" capture-pane -p -t exec; }
# Waits until the screen matches an extended regex (the CLI is a JVM; a loaded machine is slow).
await_screen() {
  local pattern=$1 deadline=$((SECONDS + 120))
  while [ $SECONDS -lt $deadline ]; do
    screen | grep -Eq -- "$pattern" && return 0
    sleep 0.2
  done
  echo "    screen did not show /$pattern/:"; screen | sed 's/^/    | /'
  return 1
}
type_line() { tmux -L "$tmux_socket" send-keys -t exec -l -- "$1"; tmux -L "$tmux_socket" send-keys -t exec Enter; }

# journald of this run: namespace $journal_ns, volatile, under the test's control.
journald=$(command -v systemd-journald || echo /lib/systemd/systemd-journald)
[ -x "$journald" ] || skip "systemd-journald not found (package systemd)"
printf '[Journal]\nStorage=volatile\nRateLimitIntervalSec=0\n' > "/etc/systemd/journald@$journal_ns.conf"
"$journald" "$journal_ns" > "$work/journald.log" 2>&1 &
journald_pid=$!
journal_socket=/run/systemd/journal.$journal_ns/socket
for _ in $(seq 150); do [ -S "$journal_socket" ] && break; sleep 0.1; done
[ -S "$journal_socket" ] || { echo "$name: journald $journal_ns did not start:"; cat "$work/journald.log"; exit 1; }
# A namespace journald exits after 30 s without a stream client (it expects socket activation): hold one.
python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.connect(sys.argv[1])
s.sendall(b"d2o-keepalive\n\n6\n0\n0\n0\n0\n"); time.sleep(3600)' "/run/systemd/journal.$journal_ns/stdout" &
keepalive_pid=$!

# Signing key of this run: the service trusts the public half, `day2 token` signs with the private one.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
openssl pkey -in "$work/private.pem" -pubout -out "$work/public.pem"

# The task: PID 1 of a new pid namespace is `sleep`, with its own hostname.
task_host=d2o-tmux-$RANDOM
# shellcheck disable=SC2016 # $1 is the inner shell's argument
unshare --pid --fork --kill-child --mount-proc --uts --net sh -c 'hostname "$1" && exec sleep 600' task "$task_host" &
task_pid=$!
init=''
for _ in $(seq 100); do
  init=$(cat /proc/"$task_pid"/task/*/children 2>/dev/null | tr -s ' ' '\n' | head -n1)
  [ -n "$init" ] && [ "$(cat /proc/"$init"/comm 2>/dev/null)" = sleep ] && break
  init=''; sleep 0.1
done
[ -n "$init" ] || { echo "$name: the namespaced task did not start"; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Xmx256m -Dquarkus.http.port="$port" \
  -Dmp.jwt.verify.publickey.location="$work/public.pem" \
  -Ddebug.tasks.tmux-task.pid="$init" \
  -Dday2ops.audit.socket="$journal_socket" \
  -jar "$service_jar" > "$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 600); do
  curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { echo "$name: debug-service exited:"; cat "$work/service.log"; exit 1; }
  sleep 0.2
done

token=$("$root/bin/day2" token -k "$work/private.pem" -u tmux-operator --superuser --ttl 10m)

echo "$name: day2 task exec -it in tmux against 127.0.0.1:$port, task pid $init ($task_host)"
tmux -L "$tmux_socket" -f /dev/null new-session -d -s exec -x 100 -y 30 \
  "env DAY2OPS_DEBUG_URL=http://127.0.0.1:$port DAY2OPS_TOKEN=$token PS1='$ ' sh -c '\"\$0\" task exec -it tmux-task -- /bin/sh; echo EXIT=\$?; sleep 600' $root/bin/day2"
tmux -L "$tmux_socket" set-option -g status off >/dev/null
tmux -L "$tmux_socket" set-option -g window-size manual >/dev/null 2>&1 || true

type_line 'echo READY'
check "the remote shell answers" await_screen '^READY'
type_line 'hostname'
check "hostname is the task's ($task_host)" await_screen "^$task_host\$"
type_line 'stty size'
check "stty size is the terminal's: 30 100" await_screen '^30 100$'
tmux -L "$tmux_socket" resize-window -t exec -x 120 -y 40
sleep 1
type_line 'stty size'
check "stty size follows tmux resize-window: 40 120" await_screen '^40 120$'
type_line 'exit 7'
check "exit 7 ends the CLI with status 7" await_screen '^EXIT=7$'
audited() {
  journalctl --namespace="$journal_ns" --no-pager -o cat -t day2ops-audit DAY2OPS_UID=tmux-operator \
    DAY2OPS_AUDIT_EVENT=exec-end DAY2OPS_EXIT_STATUS=7 DAY2OPS_TTY=true | grep -q 'ended: exited, exit status 7'
}
await_audit() { for _ in $(seq 100); do audited && return 0; sleep 0.2; done; return 1; }
check "the session's end is audited: tty, exit status 7" await_audit

echo "$name: $passed passed, $failed failed"
[ "$failed" = 0 ]
