# shellcheck shell=bash
# Starting and stopping the single-node suite: four services behind a local Adminrouter.

SERVICES=(logs metrics diagnostics debug)

service_port() {
  case "$1" in
    logs) echo $((DAY2OPS_PORT_BASE + 101)) ;;
    metrics) echo $((DAY2OPS_PORT_BASE + 102)) ;;
    diagnostics) echo $((DAY2OPS_PORT_BASE + 103)) ;;
    debug) echo $((DAY2OPS_PORT_BASE + 104)) ;;
  esac
}

# The path under which Adminrouter exposes a service's own /q endpoints.
service_route() {
  case "$1" in
    logs) echo /system/v1/logs ;;
    metrics) echo /system/v1/metrics ;;
    diagnostics) echo /system/health/v1 ;;
    debug) echo /system/v1/debug ;;
  esac
}

# Builds the services and the CLI when a jar is missing or any source is newer than it.
build_if_needed() {
  local stale=0 module jar
  for module in logs-service metrics-service diagnostics-service debug-service cli; do
    jar=$DAY2OPS_ROOT/$module/target/quarkus-app/quarkus-run.jar
    if [ ! -f "$jar" ] || [ -n "$(find "$DAY2OPS_ROOT"/{journal,common,"$module"}/src "$DAY2OPS_ROOT/pom.xml" \
        "$DAY2OPS_ROOT/$module/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
      stale=1
    fi
  done
  [ "$stale" -eq 0 ] && return 0
  log "building the services and the CLI (the first build downloads dependencies; log: $DAY2OPS_LOG_DIR/build.log)"
  # Progress: one line per module as Maven reaches it ("[3/7] logs-service").
  # (pipefail: the condition fails when Maven does.)
  if ! (cd "$DAY2OPS_ROOT" && ./mvnw -B -DskipTests -DskipITs install \
      -pl logs-service,metrics-service,diagnostics-service,debug-service,cli -am) 2>&1 \
      | tee "$DAY2OPS_LOG_DIR/build.log" \
      | sed -un -e 's/^\[INFO\] Building day2ops [0-9].*\(\[[0-9]*\/[0-9]*\]\)$/  \1 parent POM/p' \
          -e 's/^\[INFO\] Building day2ops \([a-z][^ ]*\) .*\(\[[0-9]*\/[0-9]*\]\)$/  \2 \1/p' >&2; then
    tail -n 40 "$DAY2OPS_LOG_DIR/build.log" >&2
    die "build failed; see $DAY2OPS_LOG_DIR/build.log"
  fi
}

# A development key pair (RS256) and an operator token (superuser, 12 h), made once per state dir.
ensure_keys_and_token() {
  local keys=$DAY2OPS_STATE_DIR/keys
  mkdir -p "$keys" && chmod 700 "$keys"
  if [ ! -f "$keys/private.pem" ]; then
    log "generating a development RS256 key pair in $keys"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private.pem" 2>/dev/null
    openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
  fi
  # umask 077: the tokens are never readable by others, not even between writing and chmod.
  (umask 077 && "$DAY2OPS_ROOT/bin/day2" token --private-key "$keys/private.pem" --uid operator --superuser \
    --ttl 12h > "$DAY2OPS_STATE_DIR/operator.token")
  chmod 600 "$DAY2OPS_STATE_DIR/operator.token"
  # The diagnostics master's service account: it pulls every node's health over the node plane with it.
  mkdir -p "$DAY2OPS_STATE_DIR/diagnostics" && chmod 700 "$DAY2OPS_STATE_DIR/diagnostics"
  (umask 077 && "$DAY2OPS_ROOT/bin/day2" token --private-key "$keys/private.pem" --uid dcos_diagnostics_master \
    --permission dcos:adminrouter:ops:system-health --ttl 12h > "$DAY2OPS_STATE_DIR/diagnostics/service-account.token")
  chmod 600 "$DAY2OPS_STATE_DIR/diagnostics/service-account.token"
}

start_services() {
  local service port
  # Small, predictable footprint per service; override with DAY2OPS_JAVA_OPTS.
  local java_opts=${DAY2OPS_JAVA_OPTS:--XX:+UseSerialGC -Xms16m -Xmx256m -XX:+ExitOnOutOfMemoryError}
  for service in "${SERVICES[@]}"; do
    is_ours "$service" && die "$service is already running (pid $(recorded_pid "$service")); run 'bin/day2ops down' first"
    port=$(service_port "$service")
    (
      export QUARKUS_HTTP_PORT=$port
      export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$DAY2OPS_STATE_DIR/keys/public.pem
      export DIAGNOSTICS_BUNDLE_DIR=$DAY2OPS_STATE_DIR/diagnostics/bundles
      if [ "$service" = diagnostics ]; then
        # Single node: this node is the master, and the cluster it pulls health from is itself.
        export DIAGNOSTICS_NODE_ROLE=master DIAGNOSTICS_NODE_IP=127.0.0.1 \
          DIAGNOSTICS_CLUSTER_NODES="master:127.0.0.1:$port" \
          DIAGNOSTICS_CLUSTER_SERVICE_ACCOUNT_TOKEN_FILE=$DAY2OPS_STATE_DIR/diagnostics/service-account.token
      fi
      # shellcheck disable=SC2086
      start_process "$service" "$DAY2OPS_LOG_DIR/$service.log" \
        java $java_opts -jar "$DAY2OPS_ROOT/$service-service/target/quarkus-app/quarkus-run.jar"
    )
  done
}

start_adminrouter() {
  is_ours adminrouter && die "Adminrouter is already running; run 'bin/day2ops down' first"
  # Single node: the cluster directory knows this node as agent "local", so the agent routes
  # (/system/v1/agent/local/...) work here too.
  printf '{"agents":{"local":"127.0.0.1:%s"}}\n' "$DAY2OPS_PORT_BASE" > "$DAY2OPS_STATE_DIR/cluster.json"
  # nginx workers run as an unprivileged user and must reach their cache and sockets below the
  # state dir: let them traverse it (its contents stay unlisted; keys/ stays private). Where a
  # parent directory shuts them out (a checkout below /root), the workers run as us instead.
  local -a worker=()
  chmod o+x "$DAY2OPS_STATE_DIR"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u nobody -- test -x "$DAY2OPS_STATE_DIR" 2>/dev/null; then
    warn "nginx workers cannot reach $DAY2OPS_STATE_DIR as 'nobody'; running them as root (local mode)"
    worker=(--user root)
  fi
  "$DAY2OPS_ROOT/adminrouter/render.sh" --role master --out "$DAY2OPS_STATE_DIR/adminrouter" \
    "${worker[@]}" --directory-file "$DAY2OPS_STATE_DIR/cluster.json" \
    --public-key "$DAY2OPS_STATE_DIR/keys/public.pem" \
    --listen "127.0.0.1:$DAY2OPS_PORT_BASE" \
    --logs "127.0.0.1:$(service_port logs)" --metrics "127.0.0.1:$(service_port metrics)" \
    --diagnostics "127.0.0.1:$(service_port diagnostics)" --debug "127.0.0.1:$(service_port debug)" \
    > /dev/null
  start_process adminrouter "$DAY2OPS_LOG_DIR/adminrouter.log" \
    /usr/sbin/nginx -p "$DAY2OPS_STATE_DIR/adminrouter" -c "$DAY2OPS_STATE_DIR/adminrouter/nginx.conf" -g 'daemon off;'
}

# Waits until every service is ready, directly and through Adminrouter with the operator token.
wait_ready() {
  local token service deadline_s=${DAY2OPS_READY_TIMEOUT:-120}
  token=$(cat "$DAY2OPS_STATE_DIR/operator.token")
  for service in "${SERVICES[@]}"; do
    if ! wait_http "http://127.0.0.1:$(service_port "$service")/q/health/ready" "$deadline_s"; then
      tail -n 30 "$DAY2OPS_LOG_DIR/$service.log" >&2
      is_ours "$service" || warn "$service has exited"
      die "$service did not become ready within ${deadline_s}s; log: $DAY2OPS_LOG_DIR/$service.log"
    fi
    wait_http "http://127.0.0.1:$DAY2OPS_PORT_BASE$(service_route "$service")/q/health/ready" 10 \
      -H "Authorization: token=$token" \
      || die "Adminrouter does not route $(service_route "$service")/; log: $DAY2OPS_STATE_DIR/adminrouter/logs/error.log"
  done
}

print_summary() {
  local base=http://127.0.0.1:$DAY2OPS_PORT_BASE service
  cat <<TXT

  day2ops is up (state: $DAY2OPS_STATE_DIR)

  Adminrouter   $base
TXT
  for service in "${SERVICES[@]}"; do
    printf '  %-13s %s%s/   (direct: http://127.0.0.1:%s)\n' "$service" "$base" "$(service_route "$service")" "$(service_port "$service")"
  done
  cat <<TXT

  Operator token (superuser, 12 h; also in $DAY2OPS_STATE_DIR/operator.token):
$(cat "$DAY2OPS_STATE_DIR/operator.token")

  Try:
    TOKEN=\$(cat $DAY2OPS_STATE_DIR/operator.token)
    curl -H "Authorization: token=\$TOKEN" $base/system/v1/logs/
    curl -H "Authorization: token=\$TOKEN" $base/system/v1/metrics/q/health/ready
    bin/day2 token --private-key $DAY2OPS_STATE_DIR/keys/private.pem --uid alice -p dcos:adminrouter:ops:system-logs

  Logs of the services: $DAY2OPS_LOG_DIR
TXT
}

suite_up() {
  local detach=$1
  ensure_packages "${DAY2OPS_APT_PACKAGES[@]}"
  ensure_journald
  build_if_needed
  ensure_keys_and_token
  trap 'warn "start failed; stopping what was started"; suite_down' EXIT
  start_services
  start_adminrouter
  log "waiting for the services to be ready"
  local started=$SECONDS
  wait_ready
  trap - EXIT
  log "all services ready in $((SECONDS - started)) s"
  print_summary
  if [ "$detach" -eq 1 ]; then
    log "detached; stop with: bin/day2ops down${DAY2OPS_STATE_DIR:+ --state-dir $DAY2OPS_STATE_DIR}"
    return 0
  fi
  # Ctrl-C also ends a `| tee` after us: from here on, a closed output must not kill us
  # before everything is stopped.
  trap '' PIPE
  trap 'echo >&2 || true; suite_down; exit 0' INT TERM
  log "press Ctrl-C to stop"
  while true; do
    for service in "${SERVICES[@]}" adminrouter; do
      is_ours "$service" || { warn "$service exited; see $DAY2OPS_LOG_DIR/$service.log"; suite_down; exit 1; }
    done
    sleep 2 &
    wait $! || true
  done
}

suite_down() {
  stop_processes adminrouter
  stop_processes "${SERVICES[@]}"
  stop_processes journald
}

suite_status() {
  local name state
  for name in adminrouter "${SERVICES[@]}" journald; do
    if is_ours "$name"; then state="running (pid $(recorded_pid "$name"))"; else state="not started by day2ops"; fi
    printf '%-12s %s\n' "$name" "$state"
  done
}
