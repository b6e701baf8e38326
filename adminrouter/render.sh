#!/usr/bin/env bash
# Renders the Adminrouter nginx configuration for one role into a directory that nginx can run
# from:  nginx -p OUT -c OUT/nginx.conf
#
#   adminrouter/render.sh --role master --out DIR --public-key FILE [options]
#
# Options (defaults are the local single-node layout of bin/day2ops):
#   --listen ADDR          listen address            (127.0.0.1:8000)
#   --logs ADDR            logs-service upstream     (127.0.0.1:8101)
#   --metrics ADDR         metrics-service upstream  (127.0.0.1:8102)
#   --diagnostics ADDR     diagnostics upstream      (127.0.0.1:8103)
#   --debug ADDR           debug-service upstream    (127.0.0.1:8104)
#   --issuer ISS           required iss claim        (none: not checked)
#   --leeway SECONDS       clock skew allowed on exp/nbf (30)
#   --workers N            nginx worker processes    (auto)
#   --no-check             skip the final `nginx -t`
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
role="" out="" public_key="" check=1
AR_LISTEN=127.0.0.1:8000
AR_LOGS_UPSTREAM=127.0.0.1:8101
AR_METRICS_UPSTREAM=127.0.0.1:8102
AR_DIAGNOSTICS_UPSTREAM=127.0.0.1:8103
AR_DEBUG_UPSTREAM=127.0.0.1:8104
AR_WORKERS=auto
issuer="" leeway=30

die() { echo "render.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --role) role=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --public-key) public_key=$2; shift 2 ;;
    --listen) AR_LISTEN=$2; shift 2 ;;
    --logs) AR_LOGS_UPSTREAM=$2; shift 2 ;;
    --metrics) AR_METRICS_UPSTREAM=$2; shift 2 ;;
    --diagnostics) AR_DIAGNOSTICS_UPSTREAM=$2; shift 2 ;;
    --debug) AR_DEBUG_UPSTREAM=$2; shift 2 ;;
    --issuer) issuer=$2; shift 2 ;;
    --leeway) leeway=$2; shift 2 ;;
    --workers) AR_WORKERS=$2; shift 2 ;;
    --no-check) check=0; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

[ -n "$role" ] || die "--role is required (master)"
[ -f "$here/templates/$role.conf" ] || die "unknown role '$role' (templates: $(cd "$here/templates" && ls ./*.conf | sed 's|./||; s|.conf||' | tr '\n' ' '))"
[ -n "$out" ] || die "--out is required"
[ -n "$public_key" ] || die "--public-key is required"
[ -r "$public_key" ] || die "public key '$public_key' is not readable"
grep -q -- '-----BEGIN PUBLIC KEY-----' "$public_key" || die "'$public_key' is not a PEM SPKI public key (BEGIN PUBLIC KEY)"
[[ "$leeway" =~ ^[0-9]+$ ]] || die "--leeway must be a whole number of seconds, got '$leeway'"

AR_NJS_MODULE=""
for candidate in /usr/lib/nginx/modules/ngx_http_js_module.so /usr/lib64/nginx/modules/ngx_http_js_module.so; do
  [ -f "$candidate" ] && AR_NJS_MODULE=$candidate && break
done
[ -n "$AR_NJS_MODULE" ] || die "ngx_http_js_module.so not found; install libnginx-mod-http-js"

mkdir -p "$out"
out=$(cd "$out" && pwd)
AR_CONF_DIR=$out
AR_STATE_DIR=$out
export AR_LISTEN AR_LOGS_UPSTREAM AR_METRICS_UPSTREAM AR_DIAGNOSTICS_UPSTREAM AR_DEBUG_UPSTREAM \
  AR_WORKERS AR_NJS_MODULE AR_CONF_DIR AR_STATE_DIR
vars='${AR_LISTEN} ${AR_LOGS_UPSTREAM} ${AR_METRICS_UPSTREAM} ${AR_DIAGNOSTICS_UPSTREAM} ${AR_DEBUG_UPSTREAM} ${AR_WORKERS} ${AR_NJS_MODULE} ${AR_CONF_DIR} ${AR_STATE_DIR}'

mkdir -p "$out/common" "$out/njs" "$out/logs" "$out/tmp"
envsubst "$vars" < "$here/templates/$role.conf" > "$out/nginx.conf"
for f in "$here"/templates/common/*.conf; do
  envsubst "$vars" < "$f" > "$out/common/$(basename "$f")"
done
cp "$here/njs/auth.js" "$out/njs/auth.js"

# The key as base64 DER (the PEM body), imported once per request by crypto.subtle.
spki=$(sed -e '/-----BEGIN PUBLIC KEY-----/,/-----END PUBLIC KEY-----/!d' -e '/-----/d' "$public_key" | tr -d '\n\r ')
cat > "$out/njs/keys.js" <<JS
// Rendered by adminrouter/render.sh from $public_key.
export default {
    rs256Spki: '$spki',
    issuer: '$(printf '%s' "$issuer" | sed "s/'/\\\\'/g")',
    leewaySeconds: $leeway
};
JS

if [ "$check" -eq 1 ]; then
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  "$nginx_bin" -t -q -p "$out" -c "$out/nginx.conf" -e "$out/logs/error.log" \
    || die "nginx rejected the rendered configuration in $out"
fi
echo "$out/nginx.conf"
