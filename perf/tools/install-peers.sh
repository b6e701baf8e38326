#!/usr/bin/env bash
# Installs, from Debian, the peers the perf scenarios compare day2ops with and the plotting
# library, without letting any package start a daemon:
#   prometheus-node-exporter   /metrics peer (started by the runner on a loopback port)
#   systemd-journal-remote     systemd-journal-gatewayd, the logs /entries peer
#   collectd-core              collectd with its statsd plugin, the StatsD peer
#   python3-matplotlib         the PNG plots (for Debian's /usr/bin/python3)
# During the install /usr/sbin/policy-rc.d exits 101 ("action forbidden"), so maintainer
# scripts do not start node-exporter or collectd; it is removed afterwards (only if this script
# created it). Needs root; without root it prints the apt-get line and fails.
set -euo pipefail

PERF_APT_PACKAGES=(prometheus-node-exporter systemd-journal-remote collectd-core python3-matplotlib)

missing=()
for pkg in "${PERF_APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-peers: missing ${missing[*]}; install them with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

policy=/usr/sbin/policy-rc.d
created_policy=0
remove_policy() { if [ "$created_policy" -eq 1 ]; then rm -f "$policy"; fi; }
trap remove_policy EXIT
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# day2ops perf/tools/install-peers.sh: no daemon starts during the install\nexit 101\n' > "$policy"
  chmod +x "$policy"
  created_policy=1
fi

log=$(mktemp /tmp/day2ops-perf-apt.XXXXXX.log)
echo "install-peers: installing ${missing[*]} (log: $log)" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends "${missing[@]}" > "$log" 2>&1; then
  apt-get update -q >> "$log" 2>&1
  apt-get install -y -q --no-install-recommends "${missing[@]}" >> "$log" 2>&1 \
    || { tail -n 20 "$log" >&2; echo "install-peers: apt-get install failed; see $log" >&2; exit 1; }
fi
echo "install-peers: installed ${missing[*]}" >&2
