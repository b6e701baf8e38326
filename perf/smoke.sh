#!/usr/bin/env bash
# perf/smoke.sh [--state-dir DIR --port-base N] — the perf regression gate (CI).
#
# Runs `perf/run.sh smoke` (suite on spare loopback ports unless a running one is given, peers
# beside it, small bounded loads: about 1 minute of measuring) and checks the figures against the
# budgets in perf/baselines/smoke.json. Results: perf/target/smoke/smoke.{json,png}.
# Last line: `perf-smoke: N passed, M failed`; exits non-zero on any failure.
set -uo pipefail
PERF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$PERF/target/smoke
mkdir -p "$out"
rm -f "$out/smoke.json" "$out/smoke.png"
started=$SECONDS
# The runner has its own bounds (k6 maxDuration, generator durations); this is the backstop.
timeout --signal=TERM --kill-after=20 600 "$PERF/run.sh" smoke --no-gate --out "$out" "$@"
rc=$?
echo "perf-smoke: took $((SECONDS - started)) s (results: $out/smoke.json)"
if [ "$rc" -ne 0 ] || [ ! -s "$out/smoke.json" ]; then
  echo "perf-smoke: the smoke scenario did not complete (perf/run.sh exit $rc)"
  echo "perf-smoke: 0 passed, 1 failed"
  exit 1
fi
/usr/bin/python3 "$PERF/lib/perfkit.py" gate "$out/smoke.json" "$PERF/baselines/smoke.json" perf-smoke
