#!/usr/bin/env bash
# Shared by the cluster nodes' provisioning scripts (sourced, not run).
set -euo pipefail

log() { printf '[day2ops-provision] %s %s\n' "$(date -u +%FT%TZ)" "$*"; }

# retry ATTEMPTS DELAY_SECONDS COMMAND...: bounded, so a broken dependency fails the
# provisioning visibly (cloud-init-output.log) instead of spinning forever.
retry() {
  local attempts=$1 delay=$2 n=1
  shift 2
  until "$@"; do
    if ((n >= attempts)); then
      log "giving up after $attempts attempts: $*"
      return 1
    fi
    n=$((n + 1))
    sleep "$delay"
  done
}

imds() {
  local token
  token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}

# DC/OS prerequisites on the CentOS/RHEL 7 family: Docker CE, time sync, the tools
# the installer calls, the nogroup group, SELinux permissive.
prepare_dcos_host() {
  log "preparing host for DC/OS"
  setenforce 0 || true
  sed -i 's/^SELINUX=enforcing/SELINUX=permissive/' /etc/selinux/config || true
  getent group nogroup >/dev/null || groupadd nogroup
  retry 5 10 yum install -y yum-utils curl tar xz unzip ipset bind-utils chrony openssl
  systemctl enable --now chronyd
  if ! command -v docker >/dev/null; then
    retry 5 10 yum-config-manager --add-repo https://download.docker.com/linux/centos/docker-ce.repo
    retry 5 10 yum install -y docker-ce docker-ce-cli containerd.io
  fi
  systemctl enable --now docker
}

# Plain systemd fleet: only what the day2ops installer needs.
prepare_plain_host() {
  log "preparing host (no DC/OS)"
  retry 5 10 yum install -y curl tar openssl
}
