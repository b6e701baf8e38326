#!/bin/sh
# PID 1 of a new PID namespace, in a private mount namespace: every mount below is invisible to the host.
# Nothing here writes to a host path except CONSOLE_LOG (bind-mounted as /dev/console) and BRIDGE_DIR (a
# socket for the host), both created by the test in its own temporary directory.
# Usage: boot.sh UNIT_DIR CONSOLE_LOG BRIDGE_DIR MODE [MARKER]
set -eu
UNITS=$1; CONSOLE=$2; BRIDGE=$3; MODE=$4
# The kernel's tunables and /sys stay read-only: this systemd must not change the host.
mount --bind /proc/sys /proc/sys
mount -o remount,bind,ro /proc/sys
mount --bind /sys /sys
mount -o remount,bind,ro /sys
# A cgroup tree whose root is the cgroup enter.sh created (we are in a cgroup namespace rooted there).
if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then
  mount -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup
else
  mount -t tmpfs -o mode=755,size=1m cgroup-root /sys/fs/cgroup
  mkdir /sys/fs/cgroup/systemd
  mount -t cgroup -o none,name=systemd,xattr cgroup /sys/fs/cgroup/systemd
fi
# A private /dev: journald's /dev/log symlink and PID 1's console output stay inside.
mount -t tmpfs -o mode=755,size=1m dev /dev
mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/zero c 1 5; mknod -m 666 /dev/full c 1 7
mknod -m 666 /dev/random c 1 8; mknod -m 666 /dev/urandom c 1 9
mkdir /dev/shm /dev/pts
mount -t tmpfs -o mode=1777,size=16m shm /dev/shm
touch /dev/console
mount --bind "$CONSOLE" /dev/console
# Unit files in /etc are only the test's: its units, its journald, and masks for everything that
# cleans or populates directories (tmpfiles) or touches devices.
mount -t tmpfs -o mode=755,size=1m units /etc/systemd/system
cp "$UNITS"/* /etc/systemd/system/
for unit in systemd-tmpfiles-setup.service systemd-tmpfiles-setup-dev.service systemd-tmpfiles-clean.service \
    systemd-tmpfiles-clean.timer systemd-journald-dev-log.socket systemd-journald-audit.socket \
    systemd-journal-flush.service systemd-udevd.service systemd-udev-trigger.service sysinit.target \
    basic.target local-fs.target remote-fs.target swap.target; do
  ln -s /dev/null "/etc/systemd/system/$unit"
done
# Private /tmp, /run and /var: whatever systemd or journald write lands in memory of this namespace.
mount -t tmpfs -o mode=755,size=64m run /run
# The one shared directory: the test's BRIDGE_DIR, where d2o-bus-bridge.socket listens for the host.
mkdir /run/day2ops-bridge
mount --bind "$BRIDGE" /run/day2ops-bridge
mount -t tmpfs -o mode=1777,size=64m tmp /tmp
mount -t tmpfs -o mode=755,size=64m var /var
mount -t tmpfs -o mode=755,size=16m home /home
mkdir -p /var/tmp /var/lib /var/log
if [ "$MODE" = probe ]; then
  # The harness checks that this marker does NOT appear in the host's /tmp before it boots anything.
  touch "/tmp/$5"
  exit 0
fi
exec env -i container=day2ops-test PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  /lib/systemd/systemd --unit=d2o-test.target --log-target=console --show-status=no
