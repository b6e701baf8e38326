#!/usr/bin/env bash
# End-to-end smoke of a running suite through Adminrouter:
#   adminrouter/test/smoke.sh BASE_URL STATE_DIR
# For every service route: readiness with the operator token → 200; without a token → 401 with
# WWW-Authenticate: acsjwt and a problem+json body; a token lacking the route permission → 403;
# and the service itself sees the caller (GET <route>/ → uid) where the route exposes it.
# Prints one line per check and "e2e: N passed, M failed" last; exits non-zero on any failure.
set -uo pipefail

base=${1:?usage: smoke.sh BASE_URL STATE_DIR}
state=${2:?usage: smoke.sh BASE_URL STATE_DIR}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
operator=$(cat "$state/operator.token")
outsider=$("$root/bin/day2" token --private-key "$state/keys/private.pem" --uid outsider \
  --permission dcos:adminrouter:ops:unrelated --ttl 5m)
# A forged token: one signature character changed well before the end (the last character of a
# base64url signature carries only two bits, so changing it may spell the same signature).
flip=${operator: -10:1}
[ "$flip" = A ] && flip=B || flip=A
forged="${operator:0:${#operator}-10}$flip${operator: -9}"
passed=0 failed=0

check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1)); printf 'ok    %s\n' "$1"
  else
    failed=$((failed + 1)); printf 'FAIL  %s: expected %s, got %s\n' "$1" "$2" "$3"
  fi
}

status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }

for route in /system/v1/logs /system/v1/metrics /system/health/v1 /system/v1/debug; do
  check "$route/q/health/ready with token" 200 "$(status -H "Authorization: token=$operator" "$base$route/q/health/ready")"
  check "$route/q/health/ready with Bearer token" 200 "$(status -H "Authorization: Bearer $operator" "$base$route/q/health/ready")"
  check "$route/q/health/ready with cookie" 200 "$(status -b "dcos-acs-auth-cookie=$operator" "$base$route/q/health/ready")"
  check "$route/q/health/ready without token" 401 "$(status "$base$route/q/health/ready")"
  headers=$(curl -s -D - -o /dev/null --max-time 10 "$base$route/q/health/ready" | tr -d '\r')
  check "$route 401 challenges with acsjwt" "WWW-Authenticate: acsjwt" "$(grep -i '^WWW-Authenticate:' <<<"$headers")"
  check "$route 401 is problem+json" "Content-Type: application/problem+json" "$(grep -i '^Content-Type:' <<<"$headers")"
  check "$route/q/health/ready with forged signature" 401 "$(status -H "Authorization: token=$forged" "$base$route/q/health/ready")"
  check "$route/q/health/ready without permission" 403 "$(status -H "Authorization: token=$outsider" "$base$route/q/health/ready")"
done

# The services verify the token again and see who calls (the health API owns /system/health/v1/).
for route in /system/v1/logs /system/v1/metrics /system/v1/debug; do
  body=$(curl -s --max-time 10 -H "Authorization: token=$operator" "$base$route/")
  check "$route/ reaches the service as operator" '"uid":"operator"' "$(grep -o '"uid":"[^"]*"' <<<"$body")"
done

# Cluster health on the master: the suite's diagnostics service lists itself as the cluster's only node and
# pulls it over the node plane with its service-account token (a refused token would show in "error").
body=$(curl -s --max-time 30 -H "Authorization: token=$operator" "$base/system/health/v1/nodes?cache=0")
check "/system/health/v1/nodes lists this node as master" '"host_ip":"127.0.0.1","health":' \
  "$(grep -o '"host_ip":"127.0.0.1","health":' <<<"$body")"
check "/system/health/v1/nodes role" '"role":"master"' "$(grep -o '"role":"master"' <<<"$body")"
check "/system/health/v1/nodes: the node accepted the service-account token" "" \
  "$(grep -o 'refused the service account token\|cannot read the service account token' <<<"$body")"
check "/system/health/v1/nodes without permission" 403 \
  "$(status -H "Authorization: token=$outsider" "$base/system/health/v1/nodes")"

# Agent routing through the cluster directory (the launcher lists this node as agent "local").
check "/system/v1/agent/local/metrics/v0/... reaches this node" 200 \
  "$(status -H "Authorization: token=$operator" "$base/system/v1/agent/local/metrics/v0/ping")"
check "/system/v1/agent/<unknown>/logs is 404" 404 \
  "$(status -H "Authorization: token=$operator" "$base/system/v1/agent/no-such-agent/logs/q/health/ready")"

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
