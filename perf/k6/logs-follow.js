// Logs follow with many concurrent clients: each virtual user opens one SSE follow
// (GET /entries?follow, Accept: text/event-stream) matched on RUN_ID and limited to ENTRIES by
// a Range header, so the stream ends once the client has every entry the journald generator
// writes while it listens. Per client: entries received (must be ENTRIES) and the write → client
// latency of the last entry (now − its PERF_SENT_US field, written at send time).
//
//   k6 run -e BASE_URL=http://127.0.0.1:8000 -e TOKEN_FILE=... -e RUN_ID=perf-1234 -e ENTRIES=2000 -e CLIENTS=50 perf/k6/logs-follow.js
//
// Start it, then run perf/loadgen/JournalLoad.java with --run-id RUN_ID writing ENTRIES lines.
// Env: PREFIX (/system/v1/logs), CLIENTS (50), TIMEOUT (120s), P99_LATENCY_MS (5000).
import http from 'k6/http';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { BASE_URL, headers, num } from './lib.js';

const PREFIX = __ENV.PREFIX === undefined ? '/system/v1/logs' : __ENV.PREFIX;
const RUN_ID = __ENV.RUN_ID;
if (!RUN_ID) throw new Error('RUN_ID is required');
const ENTRIES = num('ENTRIES', 2000);
const CLIENTS = num('CLIENTS', 50);
const TIMEOUT = __ENV.TIMEOUT || '120s';

const received = new Counter('follow_entries_received');
const lastEntryLatency = new Trend('follow_last_entry_latency_ms', true);

export const options = {
  scenarios: {
    follow: { executor: 'per-vu-iterations', vus: CLIENTS, iterations: 1, maxDuration: TIMEOUT },
  },
  thresholds: {
    'checks': ['rate>0.99'],
    'follow_last_entry_latency_ms': [`p(99)<${num('P99_LATENCY_MS', 5000)}`],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
};

export function setup() {
  // The follow URL itself would block; probe the same endpoint without follow.
  const probe = http.get(`${BASE_URL}${PREFIX}/entries?PERF_RUN_ID=${encodeURIComponent(RUN_ID)}`,
    { headers: headers({ Accept: 'text/event-stream', Range: 'entries=:1' }), timeout: '10s' });
  if (probe.status !== 200) {
    throw new Error(`logs follow: GET ${BASE_URL}${PREFIX}/entries answered HTTP ${probe.status}` +
      `${probe.error ? ` (${probe.error})` : ''} — the endpoint is absent or broken, so this measurement cannot run`);
  }
}

export default function () {
  const res = http.get(`${BASE_URL}${PREFIX}/entries?follow&PERF_RUN_ID=${encodeURIComponent(RUN_ID)}`, {
    headers: headers({ Accept: 'text/event-stream', Range: `entries=:${ENTRIES}` }),
    timeout: TIMEOUT,
    tags: { endpoint: 'follow' },
  });
  const now = Date.now();
  let n = 0;
  let last = null;
  if (res.status === 200 && res.body) {
    for (const line of res.body.split('\n')) {
      if (line.startsWith('data:')) {
        n++;
        last = line;
      }
    }
  }
  received.add(n);
  if (last) {
    try {
      const sentUs = Number(JSON.parse(last.slice(5)).PERF_SENT_US);
      if (Number.isFinite(sentUs)) lastEntryLatency.add(now - sentUs / 1000);
    } catch (e) { /* counted by the check below */ }
  }
  check(res, {
    'follow 200': (r) => r.status === 200,
    [`follow received ${ENTRIES} entries`]: () => n === ENTRIES,
  });
}
