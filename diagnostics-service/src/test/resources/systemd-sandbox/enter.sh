#!/bin/sh
# Runs on the host, as root, started by BootedSystemd. Moves itself into a fresh cgroup of its own and
# enters private PID, mount, UTS, IPC and cgroup namespaces, where boot.sh prepares private mounts and
# execs systemd as PID 1. --kill-child: if unshare dies, so does that systemd (and with it the namespace).
# Usage: enter.sh NAME UNIT_DIR CONSOLE_LOG BRIDGE_DIR MODE (MODE: boot | probe MARKER)
set -eu
NAME=$1
HERE=$(dirname "$0")
if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then
  CGROUP=/sys/fs/cgroup/$NAME
else
  CGROUP=/sys/fs/cgroup/systemd/$NAME
fi
mkdir "$CGROUP"
echo $$ > "$CGROUP/cgroup.procs"
shift
exec unshare --pid --fork --kill-child --mount --uts --ipc --cgroup --propagation private --mount-proc \
  sh "$HERE/boot.sh" "$@"
