#!/usr/bin/env bash
# Runs the token parts of the rendered cloud-init scripts for real (run by check.sh):
#
#   check_tokens.sh BOOTSTRAP_SCRIPT MASTER_SCRIPT
#
# The bootstrap script's day2ops-mint-tokens runs against a fresh RSA key; each token
# must verify with the public key (openssl) and carry the claims the services need.
# Its nginx server block is served by a real nginx on a loopback port, the first master
# address mapped to 127.0.0.1; the master script's day2ops-fetch-token must fetch the
# service account token from there into a 0600 file, and any other address must get
# 403 for it (the perf token stays readable). Paths are moved into a temporary
# directory; nothing outside it is touched. Needs nginx and openssl. Exit 0 when all holds.
set -euo pipefail

bootstrap=$1 master=$2
dir="$(mktemp -d)"
chmod 0755 "$dir" # nginx's workers (nobody) read the served files
nginx_pid=
cleanup() {
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail() {
  echo "tokens: $*" >&2
  exit 1
}

# heredoc FILE PATH: the body of `cat > PATH <<'MARK'` in FILE.
heredoc() {
  awk -v start="cat > $2 <<'" 'index($0, start) == 1 { mark = substr($0, length(start) + 1); sub(/\x27$/, "", mark); on = 1; next }
    on && $0 == mark { exit } on { print }' "$1"
}

serve="$dir/serve/day2ops"
mkdir -p "$serve/masters" "$dir/master" "$dir/nginx"
chmod 0700 "$dir/master"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/key.pem" 2>/dev/null
openssl pkey -in "$dir/key.pem" -pubout -out "$dir/public.pem"

heredoc "$bootstrap" /usr/local/sbin/day2ops-mint-tokens |
  sed "s|/opt/dcos-bootstrap/genconf/serve/day2ops|$serve|; s|/etc/day2ops/jwt-private.pem|$dir/key.pem|" >"$dir/mint.sh"
grep -q '^mint dcos_diagnostics_master ' "$dir/mint.sh" || fail "the bootstrap script mints no diagnostics service account token"
bash "$dir/mint.sh"

python3 - "$dir" <<'PY' || fail "a minted token is invalid"
import base64, json, subprocess, sys, time
d = sys.argv[1]
def b64(x): return base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))
expected = {
    "serve/day2ops/masters/diagnostics-service-account.jwt": ("dcos_diagnostics_master", ["dcos:adminrouter:ops:system-health"], 604800),
    "serve/day2ops/perf-token.jwt": ("perf-runner", ["dcos:adminrouter:ops:system-logs", "dcos:adminrouter:ops:system-metrics", "dcos:adminrouter:ops:system-health"], 86400),
}
ok = True
for path, (uid, groups, lifetime) in expected.items():
    header, payload, signature = open(f"{d}/{path}").read().strip().split(".")
    open(f"{d}/sig", "wb").write(b64(signature))
    open(f"{d}/msg", "wb").write(f"{header}.{payload}".encode())
    verified = subprocess.run(["openssl", "dgst", "-sha256", "-verify", f"{d}/public.pem", "-signature", f"{d}/sig", f"{d}/msg"],
                              capture_output=True).returncode == 0
    claims, head = json.loads(b64(payload)), json.loads(b64(header))
    problems = [p for p, bad in [
        ("signature does not verify", not verified), ("alg is not RS256", head.get("alg") != "RS256"),
        (f"uid {claims.get('uid')!r}", claims.get("uid") != uid), (f"groups {claims.get('groups')}", claims.get("groups") != groups),
        (f"lifetime {claims.get('exp', 0) - claims.get('iat', 0)}", claims.get("exp", 0) - claims.get("iat", 0) != lifetime),
        ("already expired", claims.get("exp", 0) <= time.time())] if bad]
    for p in problems:
        print(f"tokens: {path}: {p}", file=sys.stderr)
    ok = ok and not problems
sys.exit(0 if ok else 1)
PY
echo "tokens ok: minted tokens verify, with the uid, groups and lifetime expected"

command -v nginx >/dev/null || fail "nginx is needed to check the serving (apt-get install nginx, as for adminrouter/)"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
first_master=$(heredoc "$bootstrap" /opt/day2ops-provision/nginx-default.conf | sed -n 's/^ *allow \([0-9.]*\);$/\1/p' | head -1)
[[ -n $first_master ]] || fail "the bootstrap web server allows no master address"
heredoc "$bootstrap" /opt/day2ops-provision/nginx-default.conf |
  sed "s|listen 80;|listen 127.0.0.1:$port;|; s|root /usr/share/nginx/html;|root $dir/serve;|; s|allow $first_master;|allow 127.0.0.1;|" >"$dir/nginx/server.conf"
cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $dir/nginx; proxy_temp_path $dir/nginx; fastcgi_temp_path $dir/nginx;
  uwsgi_temp_path $dir/nginx; scgi_temp_path $dir/nginx;
  include $dir/nginx/server.conf;
}
EOF
nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -g 'daemon off;' 2>"$dir/nginx/stderr" &
nginx_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 50); do
  curl -fs -o /dev/null "$url/day2ops/perf-token.jwt" && break
  sleep 0.1
done

heredoc "$master" /usr/local/sbin/day2ops-fetch-token |
  sed "s|'http://[^/']*/day2ops/|'$url/day2ops/|; s|/etc/day2ops/diagnostics|$dir/master|g" >"$dir/fetch.sh"
bash "$dir/fetch.sh" || fail "the master's day2ops-fetch-token failed against the bootstrap web server"
cmp -s "$dir/master/service-account.jwt" "$serve/masters/diagnostics-service-account.jwt" || fail "the master got a different token"
[[ $(stat -c %a "$dir/master/service-account.jwt") == 600 ]] || fail "the master's token file is not 0600"
[[ $(find "$dir/master" -mindepth 1 | wc -l) == 1 ]] || fail "day2ops-fetch-token left files behind"
code=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.9 "$url/day2ops/masters/diagnostics-service-account.jwt")
[[ $code == 403 ]] || fail "a non-master address got $code for the service account token, not 403"
code=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.9 "$url/day2ops/perf-token.jwt")
[[ $code == 200 ]] || fail "the perf token is not served inside the cluster ($code)"
echo "tokens ok: a master fetches the service account token (0600), any other address gets 403"
