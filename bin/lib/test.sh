#!/usr/bin/env bash
# bin/day2ops test [--no-native] — installs what the tests need, runs every test and prints the
# totals. This is what CI runs (.ci/run).
#
#   1. system packages (Debian) and a journald
#   2. ./mvnw install: unit and Quarkus tests of every module
#   3. native build steps of every service and the CLI (-Dnative -Dquarkus.native.sources-only)
#   4. Adminrouter: the route x token matrix against real nginx and recording upstreams;
#      terraform: fmt, rendered cloud-init, and (where the provider is built) validate and tofu test
#   5. end to end: the suite started on spare ports, probed through Adminrouter, then the perf
#      smoke gate (ratios against peers measured in the same run) on that same suite
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$DAY2OPS_ROOT/bin/lib/system.sh"
source "$DAY2OPS_ROOT/bin/lib/journald.sh"

native=1
for arg in "$@"; do
  case "$arg" in
    --no-native) native=0 ;;
    *) die "unknown test option '$arg' (known: --no-native)" ;;
  esac
done

DAY2OPS_STATE_DIR=$DAY2OPS_ROOT/.run/test
DAY2OPS_LOG_DIR=$DAY2OPS_STATE_DIR/logs
DAY2OPS_PID_DIR=$DAY2OPS_STATE_DIR/pids
rm -rf "$DAY2OPS_STATE_DIR"
mkdir -p "$DAY2OPS_LOG_DIR" "$DAY2OPS_PID_DIR"
export DAY2OPS_STATE_DIR DAY2OPS_LOG_DIR DAY2OPS_PID_DIR

started=$SECONDS
failed_steps=()
step() { log "── $* ($((SECONDS - started)) s)"; }

cleanup() { stop_process journald; }
trap cleanup EXIT

step "system packages and journald"
ensure_packages "${DAY2OPS_APT_PACKAGES[@]}" || die "cannot install the system packages the tests need"
ensure_journald

cd "$DAY2OPS_ROOT" || exit 1

step "unit and Quarkus tests: ./mvnw install"
./mvnw -B install 2>&1 | tee "$DAY2OPS_LOG_DIR/maven.log" \
  | grep --line-buffered -E '^\[INFO\] (Building |Tests run:|BUILD)|^\[ERROR\]'
[ "${PIPESTATUS[0]}" -eq 0 ] || failed_steps+=("maven")

step "day2 task exec -it in a real terminal (debug-service/src/test/shell/exec-tty-in-tmux.sh)"
"$DAY2OPS_ROOT/debug-service/src/test/shell/exec-tty-in-tmux.sh" > "$DAY2OPS_LOG_DIR/exec-tty.log" 2>&1
[ $? -eq 0 ] || failed_steps+=("exec-tty")
tail -n 8 "$DAY2OPS_LOG_DIR/exec-tty.log"

if [ "$native" -eq 1 ]; then
  step "native build steps: ./mvnw -Dnative -Dquarkus.native.sources-only=true package"
  if ./mvnw -B -q -Dnative -Dquarkus.native.sources-only=true -DskipTests package \
      > "$DAY2OPS_LOG_DIR/native.log" 2>&1; then
    log "native sources generated: $(ls -d ./*/target/native-sources 2>/dev/null | wc -l) applications"
  else
    tail -n 40 "$DAY2OPS_LOG_DIR/native.log"
    failed_steps+=("native")
  fi
fi

step "Adminrouter: route x token matrix (adminrouter/test/run.sh)"
"$DAY2OPS_ROOT/adminrouter/test/run.sh" > "$DAY2OPS_LOG_DIR/adminrouter.log" 2>&1
[ $? -eq 0 ] || failed_steps+=("adminrouter")
tail -n 3 "$DAY2OPS_LOG_DIR/adminrouter.log"

step "terraform: fmt, rendered cloud-init, validate and plan-level tests (terraform/check.sh)"
"$DAY2OPS_ROOT/terraform/check.sh" > "$DAY2OPS_LOG_DIR/terraform.log" 2>&1
[ $? -eq 0 ] || failed_steps+=("terraform")
# Whatever could not run here (the AWS provider build does not fit a fresh CI machine) is said loudly.
grep -E 'NOT RUN|^terraform:' "$DAY2OPS_LOG_DIR/terraform.log"

step "end to end through Adminrouter"
e2e_state=$DAY2OPS_ROOT/.run/e2e
if "$DAY2OPS_ROOT/bin/day2ops" up --detach --port-base 18000 --state-dir "$e2e_state" > "$DAY2OPS_LOG_DIR/e2e-up.log" 2>&1; then
  "$DAY2OPS_ROOT/adminrouter/test/smoke.sh" "http://127.0.0.1:18000" "$e2e_state" | tee "$DAY2OPS_LOG_DIR/e2e.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || failed_steps+=("e2e")

  step "the day2 CLI against the same suite (cli/test/e2e.sh)"
  "$DAY2OPS_ROOT/cli/test/e2e.sh" "http://127.0.0.1:18000" "$e2e_state/operator.token" > "$DAY2OPS_LOG_DIR/cli-e2e.log" 2>&1
  [ $? -eq 0 ] || failed_steps+=("cli-e2e")
  grep -E '^(cli e2e|FAIL|skip)' "$DAY2OPS_LOG_DIR/cli-e2e.log" | tail -n 20

  step "perf smoke gate against the same suite (perf/smoke.sh; builds k6 and installs the peers once)"
  "$DAY2OPS_ROOT/perf/smoke.sh" --state-dir "$e2e_state" --port-base 18000 > "$DAY2OPS_LOG_DIR/perf-smoke.log" 2>&1
  [ $? -eq 0 ] || failed_steps+=("perf")
  grep -E '^(perf-smoke|  (ok|FAIL))' "$DAY2OPS_LOG_DIR/perf-smoke.log" | tail -n 20
else
  cat "$DAY2OPS_LOG_DIR/e2e-up.log"
  failed_steps+=("e2e")
fi
"$DAY2OPS_ROOT/bin/day2ops" down --state-dir "$e2e_state" >> "$DAY2OPS_LOG_DIR/e2e-up.log" 2>&1

# Totals over every runner: surefire and failsafe reports, and the end-to-end checks.
read -r tests failures errors skipped < <(cat ./*/target/{surefire,failsafe}-reports/TEST-*.xml 2>/dev/null \
  | grep -o '<testsuite [^>]*>' \
  | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
           if (kv[1] == "tests") t += kv[2]; if (kv[1] == "failures") f += kv[2];
           if (kv[1] == "errors") e += kv[2]; if (kv[1] == "skipped") s += kv[2]; } }
         END { print t + 0, f + 0, e + 0, s + 0 }')
# "<name>: N passed, M failed" as the shell and Python suites print it last.
counts() { sed -n "s/^$1: \\([0-9]*\\) passed, \\([0-9]*\\) failed\$/\\1 \\2/p" "$2" 2>/dev/null | tail -n 1; }
read -r e2e_passed e2e_failed < <(counts e2e "$DAY2OPS_LOG_DIR/e2e.log")
read -r ar_passed ar_failed < <(counts adminrouter "$DAY2OPS_LOG_DIR/adminrouter.log")
read -r perf_passed perf_failed < <(counts perf-smoke "$DAY2OPS_LOG_DIR/perf-smoke.log")
read -r tty_passed tty_failed < <(counts exec-tty-in-tmux "$DAY2OPS_LOG_DIR/exec-tty.log")
tty_passed=${tty_passed:-0} tty_failed=${tty_failed:-0}
# The tmux test skips as a whole (with its reason) where it cannot run: one skipped check.
tty_skipped=$(grep -c '^exec-tty-in-tmux: SKIPPED' "$DAY2OPS_LOG_DIR/exec-tty.log" 2>/dev/null)
e2e_passed=${e2e_passed:-0} e2e_failed=${e2e_failed:-0} ar_passed=${ar_passed:-0} ar_failed=${ar_failed:-0}
perf_passed=${perf_passed:-0} perf_failed=${perf_failed:-0}
read -r tf_passed tf_failed tf_skipped < <(sed -n 's/^terraform: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' \
  "$DAY2OPS_LOG_DIR/terraform.log" 2>/dev/null | tail -n 1)
tf_passed=${tf_passed:-0} tf_failed=${tf_failed:-0} tf_skipped=${tf_skipped:-0}
read -r cli_passed cli_failed cli_skipped < <(sed -n 's/^cli e2e: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' \
  "$DAY2OPS_LOG_DIR/cli-e2e.log" 2>/dev/null | tail -n 1)
cli_passed=${cli_passed:-0} cli_failed=${cli_failed:-0} cli_skipped=${cli_skipped:-0}
passed=$((tests - failures - errors - skipped + e2e_passed + ar_passed + perf_passed + tf_passed + cli_passed + tty_passed))
failed=$((failures + errors + e2e_failed + ar_failed + perf_failed + tf_failed + cli_failed + tty_failed))
junit_skipped=$skipped
skipped=$((skipped + tf_skipped + cli_skipped + ${tty_skipped:-0}))

echo
log "took $((SECONDS - started)) s; JUnit: $tests run ($junit_skipped skipped), Adminrouter: $((ar_passed + ar_failed)), end to end: $((e2e_passed + e2e_failed)), CLI: $((cli_passed + cli_failed)) ($cli_skipped skipped), exec in tmux: $((tty_passed + tty_failed)), perf smoke: $((perf_passed + perf_failed)), terraform checks: $((tf_passed + tf_failed)) ($tf_skipped not run)"
[ ${#failed_steps[@]} -eq 0 ] || warn "failed steps: ${failed_steps[*]}"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ ${#failed_steps[@]} -eq 0 ] && [ "$failed" -eq 0 ]
