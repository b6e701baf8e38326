# shellcheck shell=bash
# System packages the suite and its tests need, installed from Debian when running as root.

# Everything the run command and the test suite use from Debian, one place.
DAY2OPS_APT_PACKAGES=(
  nginx libnginx-mod-http-js         # Adminrouter
  systemd systemd-journal-remote     # journald, journal-remote/gatewayd (tests, peers)
  libsystemd0                        # journal/ binds libsystemd.so.0
  prometheus                         # metrics-service tests: promtool and a real scraping server
  python3                            # adminrouter tests, JWKS conversion at render time
  dbus util-linux                    # diagnostics tests: a systemd booted in namespaces, its bus
  shellcheck                         # terraform checks: the rendered cloud-init scripts
  tmux                               # debug-service: day2 task exec -it driven in a real terminal
  openssl curl gettext-base procps iproute2 unzip
)

# Returns the packages from the list above that dpkg does not report as installed.
missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
}

# Installs missing packages without letting their maintainer scripts start daemons
# (a Debian nginx install would otherwise start a system-wide nginx on port 80).
ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "day2ops: missing system packages; install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    return 1
  fi
  log "installing ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
  fi
  local rc=0
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >"$DAY2OPS_LOG_DIR/apt.log" 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$DAY2OPS_LOG_DIR/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$DAY2OPS_LOG_DIR/apt.log" 2>&1 || rc=$?
  fi
  [ "$created_policy" -eq 1 ] && rm -f "$policy"
  if [ "$rc" -ne 0 ]; then
    echo "day2ops: apt-get install failed (exit $rc); see $DAY2OPS_LOG_DIR/apt.log" >&2
    tail -n 20 "$DAY2OPS_LOG_DIR/apt.log" >&2
    return "$rc"
  fi
}
