#!/usr/bin/env bash
# Renders the Adminrouter nginx configuration for one role into a directory that nginx can run
# from:  nginx -p OUT -c OUT/nginx.conf -g 'daemon off;'
#
#   adminrouter/render.sh --role master|agent --out DIR (--public-key FILE | --jwks FILE) [options]
#
# Keys (at least one RS256 key, or an HS256 secret):
#   --public-key FILE      RS256 public key, PEM SPKI (BEGIN PUBLIC KEY); may be repeated
#   --jwks FILE            RS256 keys from a JWKS document (converted to SPKI here; needs python3)
#   --hs256-secret FILE    also accept HS256 tokens signed with this secret (raw bytes of FILE)
# Tokens:
#   --issuer ISS           required iss claim                    (none: not checked)
#   --leeway SECONDS       clock skew allowed on exp/nbf         (30)
#   --max-token-bytes N    larger tokens are refused             (8192)
#   --token-cache-ttl S    reuse a verified decision up to S seconds, never past exp; 0 = off (60)
#   --token-cache-zone SZ  shared memory for cache keys, ~8000 per 1m              (1m)
#   --token-cache-dir DIR  where cached decisions are kept; tmpfs is best (OUT/cache/tokens)
# Upstreams and listening (defaults are the local single-node layout of bin/day2ops):
#   --listen ADDR          listen address   (master 127.0.0.1:8000, agent 127.0.0.1:61001)
#   --logs ADDR            logs-service     (127.0.0.1:8101)
#   --metrics ADDR         metrics-service  (127.0.0.1:8102)
#   --diagnostics ADDR     diagnostics      (127.0.0.1:8103)
#   --debug ADDR           debug-service    (127.0.0.1:8104)
#   --upstream-timeout S   read/send timeout of plain routes     (60)
#   --stream-timeout S     read timeout of streaming and WebSocket routes (3600)
#   --max-body SIZE        client_max_body_size                  (16m)
# Master only:
#   --mesos-leader ADDR    Adminrouter of the Mesos leader       (127.0.0.1:<listen port>)
#   --marathon-leader ADDR Adminrouter of the Marathon leader    (127.0.0.1:<listen port>)
#   --directory-file FILE  cluster directory from a static file {"agents": {"<id>": "ip:port"}}
#   --mesos-url URL        cluster directory from Mesos, e.g. http://10.0.0.1:5050/master/state-summary
#   --directory-soft-max-age S  refresh the Mesos directory when older (30)
#   --directory-hard-max-age S  503 when it is older and cannot be refreshed (600)
#   --directory-timeout S  fetch timeout of the state-summary    (5)
#   --agent-port PORT      agents' Adminrouter port (Mesos directory) (61001)
# Audit (one line per authorization decision):
#   --audit-syslog SOCKET  syslog socket (default /dev/log, else /run/systemd/journal/dev-log)
#   --audit-tag TAG        syslog identifier, letters/digits/_   (adminrouter)
#   --audit-file FILE      write audit lines to FILE instead of syslog
# Process:
#   --workers N            nginx worker processes                (auto)
#   --user USER            worker user when started as root      (nobody)
#   --no-check             skip the final `nginx -t`
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
role="" out="" check=1
public_keys=() jwks_files=() hs256_secret=""
issuer="" leeway=30 max_token_bytes=8192 token_cache_ttl=60
AR_TOKEN_CACHE_ZONE=1m AR_TOKEN_CACHE_DIR=""
AR_LISTEN=""
AR_LOGS_UPSTREAM=127.0.0.1:8101
AR_METRICS_UPSTREAM=127.0.0.1:8102
AR_DIAGNOSTICS_UPSTREAM=127.0.0.1:8103
AR_DEBUG_UPSTREAM=127.0.0.1:8104
AR_UPSTREAM_TIMEOUT=60 AR_STREAM_TIMEOUT=3600 AR_MAX_BODY=16m
AR_MESOS_LEADER="" AR_MARATHON_LEADER=""
directory_file="" mesos_url="" soft_max_age=30 hard_max_age=600 AR_DIRECTORY_TIMEOUT=5 agent_port=61001
audit_syslog="" audit_tag=adminrouter audit_file=""
AR_WORKERS=auto worker_user=nobody

die() { echo "render.sh: $*" >&2; exit 2; }
need_value() { [ $# -ge 2 ] || die "$1 needs a value"; }
whole() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a whole number, got '$2'"; }
address() { [[ "$2" =~ ^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$ ]] || die "$1 must be host:port, got '$2'"; }
# A JavaScript string literal ('…') holding $1; refuses what should never be in configuration.
js_string() {
  case "$1" in *$'\n'*|*$'\r'*) die "newline in configuration value '$1'" ;; esac
  local s=${1//\\/\\\\}
  printf "'%s'" "${s//\'/\\\'}"
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    --no-check) check=0; shift; continue ;;
  esac
  need_value "$@"
  case "$1" in
    --role) role=$2 ;;
    --out) out=$2 ;;
    --public-key) public_keys+=("$2") ;;
    --jwks) jwks_files+=("$2") ;;
    --hs256-secret) hs256_secret=$2 ;;
    --issuer) issuer=$2 ;;
    --leeway) whole "$1" "$2"; leeway=$2 ;;
    --max-token-bytes) whole "$1" "$2"; max_token_bytes=$2 ;;
    --token-cache-ttl) whole "$1" "$2"; token_cache_ttl=$2 ;;
    --token-cache-dir) AR_TOKEN_CACHE_DIR=$2 ;;
    --token-cache-zone) [[ "$2" =~ ^[0-9]+[km]$ ]] || die "--token-cache-zone must be like 1m"; AR_TOKEN_CACHE_ZONE=$2 ;;
    --listen) AR_LISTEN=$2 ;;
    --logs) address "$1" "$2"; AR_LOGS_UPSTREAM=$2 ;;
    --metrics) address "$1" "$2"; AR_METRICS_UPSTREAM=$2 ;;
    --diagnostics) address "$1" "$2"; AR_DIAGNOSTICS_UPSTREAM=$2 ;;
    --debug) address "$1" "$2"; AR_DEBUG_UPSTREAM=$2 ;;
    --upstream-timeout) whole "$1" "$2"; AR_UPSTREAM_TIMEOUT=$2 ;;
    --stream-timeout) whole "$1" "$2"; AR_STREAM_TIMEOUT=$2 ;;
    --max-body) [[ "$2" =~ ^[0-9]+[km]?$ ]] || die "--max-body must be like 16m"; AR_MAX_BODY=$2 ;;
    --mesos-leader) address "$1" "$2"; AR_MESOS_LEADER=$2 ;;
    --marathon-leader) address "$1" "$2"; AR_MARATHON_LEADER=$2 ;;
    --directory-file) directory_file=$2 ;;
    --mesos-url) [[ "$2" =~ ^http://[^[:space:]]+$ ]] || die "--mesos-url must be an http:// URL"; mesos_url=$2 ;;
    --directory-soft-max-age) whole "$1" "$2"; soft_max_age=$2 ;;
    --directory-hard-max-age) whole "$1" "$2"; hard_max_age=$2 ;;
    --directory-timeout) whole "$1" "$2"; AR_DIRECTORY_TIMEOUT=$2 ;;
    --agent-port) whole "$1" "$2"; agent_port=$2 ;;
    --audit-syslog) audit_syslog=$2 ;;
    --audit-tag) [[ "$2" =~ ^[A-Za-z0-9_]{1,32}$ ]] || die "--audit-tag: letters, digits, _ (at most 32)"; audit_tag=$2 ;;
    --audit-file) audit_file=$2 ;;
    --workers) [[ "$2" =~ ^([0-9]+|auto)$ ]] || die "--workers must be a number or auto"; AR_WORKERS=$2 ;;
    --user) worker_user=$2 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
  shift 2
done

[ -n "$role" ] || die "--role is required (master or agent)"
case "$role" in master|agent) ;; *) die "unknown role '$role' (master, agent)" ;; esac
[ -n "$out" ] || die "--out is required"
[ ${#public_keys[@]} -gt 0 ] || [ ${#jwks_files[@]} -gt 0 ] || [ -n "$hs256_secret" ] \
  || die "no key: give --public-key, --jwks or --hs256-secret"
[ "$soft_max_age" -lt "$hard_max_age" ] || die "--directory-soft-max-age must be below --directory-hard-max-age"
[ -z "$directory_file" ] || [ -z "$mesos_url" ] || die "--directory-file and --mesos-url exclude each other"
if [ "$role" = agent ] && { [ -n "$directory_file" ] || [ -n "$mesos_url" ] || [ -n "$AR_MESOS_LEADER$AR_MARATHON_LEADER" ]; }; then
  die "the agent role has no agent or leader routes; drop --directory-file/--mesos-url/--*-leader"
fi

if [ -z "$AR_LISTEN" ]; then
  if [ "$role" = master ]; then AR_LISTEN=127.0.0.1:8000; else AR_LISTEN=127.0.0.1:61001; fi
fi
listen_port=${AR_LISTEN##*:}
AR_MESOS_LEADER=${AR_MESOS_LEADER:-127.0.0.1:$listen_port}
AR_MARATHON_LEADER=${AR_MARATHON_LEADER:-127.0.0.1:$listen_port}

AR_NJS_MODULE=""
for candidate in /usr/lib/nginx/modules/ngx_http_js_module.so /usr/lib64/nginx/modules/ngx_http_js_module.so; do
  [ -f "$candidate" ] && AR_NJS_MODULE=$candidate && break
done
[ -n "$AR_NJS_MODULE" ] || die "ngx_http_js_module.so not found; install libnginx-mod-http-js"

# RS256 keys as {kid, spki (base64 DER)} entries of config.js.
rs256_entries=()
for key in "${public_keys[@]}"; do
  [ -r "$key" ] || die "public key '$key' is not readable"
  grep -q -- '-----BEGIN PUBLIC KEY-----' "$key" || die "'$key' is not a PEM SPKI public key (BEGIN PUBLIC KEY)"
  spki=$(sed -e '/-----BEGIN PUBLIC KEY-----/,/-----END PUBLIC KEY-----/!d' -e '/-----/d' "$key" | tr -d '\n\r ')
  rs256_entries+=("{kid: '', spki: '$spki'}")
done
for jwks in "${jwks_files[@]}"; do
  [ -r "$jwks" ] || die "JWKS '$jwks' is not readable"
  command -v python3 >/dev/null || die "--jwks needs python3 (Debian package python3)"
  converted=$(python3 "$here/jwks-to-spki.py" "$jwks") || die "cannot convert '$jwks'"
  while IFS=$'\t' read -r kid spki; do
    rs256_entries+=("{kid: $(js_string "$kid"), spki: '$spki'}")
  done <<<"$converted"
done
hs256_b64=""
if [ -n "$hs256_secret" ]; then
  [ -r "$hs256_secret" ] || die "HS256 secret '$hs256_secret' is not readable"
  [ "$(wc -c < "$hs256_secret")" -ge 32 ] || die "HS256 secret '$hs256_secret' is shorter than 32 bytes"
  hs256_b64=$(base64 -w0 < "$hs256_secret")
fi

directory_mode=none
if [ -n "$directory_file" ]; then
  directory_mode=static
  directory_file=$(cd "$(dirname "$directory_file")" && pwd)/$(basename "$directory_file")
elif [ -n "$mesos_url" ]; then
  directory_mode=mesos
fi

if [ -z "$audit_file" ] && [ -z "$audit_syslog" ]; then
  # A standalone journald (bin/day2ops on hosts without systemd) may not create /dev/log.
  if [ -S /dev/log ]; then audit_syslog=/dev/log; else audit_syslog=/run/systemd/journal/dev-log; fi
fi
if [ -n "$audit_file" ]; then
  AR_AUDIT_LOG=$audit_file
else
  AR_AUDIT_LOG="syslog:server=unix:$audit_syslog,facility=auth,severity=info,tag=$audit_tag,nohostname"
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
# sun_path holds 107 bytes: the verifier's socket lives under OUT when that is short enough, else
# in a directory named after OUT's hash (deep checkouts, CI workspaces).
AR_SOCKET_DIR=$out/run
if [ ${#out} -gt 90 ]; then
  AR_SOCKET_DIR=${TMPDIR:-/tmp}/day2ops-ar-$(printf '%s' "$out" | sha256sum | cut -c1-16)
fi
AR_CONF_DIR=$out
AR_STATE_DIR=$out
AR_TOKEN_CACHE_DIR=${AR_TOKEN_CACHE_DIR:-$out/cache/tokens}
AR_USER_DIRECTIVE="# workers run as the user that starts nginx"
if [ "$(id -u)" -eq 0 ]; then
  id "$worker_user" >/dev/null 2>&1 || die "worker user '$worker_user' does not exist"
  AR_USER_DIRECTIVE="user $worker_user $(id -gn "$worker_user");"
fi
export AR_LISTEN AR_LOGS_UPSTREAM AR_METRICS_UPSTREAM AR_DIAGNOSTICS_UPSTREAM AR_DEBUG_UPSTREAM \
  AR_WORKERS AR_NJS_MODULE AR_CONF_DIR AR_STATE_DIR AR_USER_DIRECTIVE AR_UPSTREAM_TIMEOUT \
  AR_STREAM_TIMEOUT AR_MAX_BODY AR_MESOS_LEADER AR_MARATHON_LEADER AR_DIRECTORY_TIMEOUT \
  AR_AUDIT_LOG AR_TOKEN_CACHE_ZONE AR_TOKEN_CACHE_DIR AR_SOCKET_DIR
vars='${AR_LISTEN} ${AR_LOGS_UPSTREAM} ${AR_METRICS_UPSTREAM} ${AR_DIAGNOSTICS_UPSTREAM} ${AR_DEBUG_UPSTREAM}
 ${AR_WORKERS} ${AR_NJS_MODULE} ${AR_CONF_DIR} ${AR_STATE_DIR} ${AR_USER_DIRECTIVE} ${AR_UPSTREAM_TIMEOUT}
 ${AR_STREAM_TIMEOUT} ${AR_MAX_BODY} ${AR_MESOS_LEADER} ${AR_MARATHON_LEADER} ${AR_DIRECTORY_TIMEOUT}
 ${AR_AUDIT_LOG} ${AR_TOKEN_CACHE_ZONE} ${AR_TOKEN_CACHE_DIR} ${AR_SOCKET_DIR}'

mkdir -p "$out/common" "$out/njs" "$out/logs" "$out/tmp" "$out/cache" "$out/run" "$out/state" "$AR_SOCKET_DIR"
render() { envsubst "$vars" < "$1" > "$2"; }
render "$here/templates/$role.conf" "$out/nginx.conf"
for f in "$here"/templates/common/*.conf; do
  render "$f" "$out/common/$(basename "$f")"
done
if [ "$token_cache_ttl" -gt 0 ]; then
  render "$here/templates/authorize/cached.conf" "$out/common/authorize.conf"
  render "$here/templates/authorize/cached-http.conf" "$out/common/token-cache-zone.conf"
else
  render "$here/templates/authorize/direct.conf" "$out/common/authorize.conf"
  echo "# verified-token cache off (--token-cache-ttl 0)" > "$out/common/token-cache-zone.conf"
fi
cp "$here/njs/auth.js" "$here/njs/directory.js" "$out/njs/"

rs256_list=$(IFS=,; echo "${rs256_entries[*]}")
cat > "$out/njs/config.js" <<JS
// Rendered by adminrouter/render.sh; do not edit the rendered copy.
export default {
    rs256Keys: [${rs256_list}],
    hs256Secret: '${hs256_b64}',
    issuer: $(js_string "$issuer"),
    leewaySeconds: ${leeway},
    maxTokenBytes: ${max_token_bytes},
    tokenCacheSeconds: ${token_cache_ttl},
    directory: {
        mode: '${directory_mode}',
        staticFile: $(js_string "$directory_file"),
        mesosUrl: $(js_string "$mesos_url"),
        cacheFile: $(js_string "$out/state/directory.json"),
        softMaxAgeSeconds: ${soft_max_age},
        hardMaxAgeSeconds: ${hard_max_age},
        fetchTimeoutSeconds: ${AR_DIRECTORY_TIMEOUT},
        agentPort: ${agent_port}
    }
};
JS
# The HS256 secret is in config.js: readable by nginx only.
chmod 600 "$out/njs/config.js"
if [ "$(id -u)" -eq 0 ]; then
  # Workers (not root) read the njs modules and write the directory cache.
  chown "$worker_user" "$out/njs/config.js" "$out/state"
fi

if [ "$check" -eq 1 ]; then
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  "$nginx_bin" -t -q -p "$out" -c "$out/nginx.conf" -e "$out/logs/error.log" \
    || die "nginx rejected the rendered configuration in $out"
fi
echo "$out/nginx.conf"
