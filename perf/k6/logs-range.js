// Logs range reads: a gatewayd-compatible GET /entries (JSON, one object per line) limited by a
// Range header, matched on the run id the journald load generator wrote, so day2ops and
// systemd-journal-gatewayd read the same entries. Counts the entries actually returned.
//
//   k6 run -e BASE_URL=http://127.0.0.1:8000 -e TOKEN_FILE=... -e RUN_ID=perf-1234 -e ENTRIES=5000 perf/k6/logs-range.js
//   k6 run -e BASE_URL=http://127.0.0.1:19531 -e PREFIX= -e RUN_ID=perf-1234 perf/k6/logs-range.js   # gatewayd
//
// Env: PREFIX (/system/v1/logs), PATH_STYLE (entries | v1range: /v1/range/?filter=PERF_RUN_ID:… with
// limit=), ENTRIES per request (5000), VUS (2), ITERATIONS per VU (10), MAX_DURATION (120s),
// P95_MS (10000). If the endpoint answers anything but 200 the run stops in setup with the reason.
import http from 'k6/http';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { BASE_URL, headers, num, requireEndpoint } from './lib.js';

const PREFIX = __ENV.PREFIX === undefined ? '/system/v1/logs' : __ENV.PREFIX;
const RUN_ID = __ENV.RUN_ID;
if (!RUN_ID) throw new Error('RUN_ID (the PERF_RUN_ID the journald generator wrote) is required');
const ENTRIES = num('ENTRIES', 5000);
const STYLE = __ENV.PATH_STYLE || 'entries';

const entriesRead = new Counter('log_entries_read');
const entriesPerRequest = new Trend('log_entries_per_request');

function request() {
  if (STYLE === 'v1range') {
    return {
      url: `${BASE_URL}${PREFIX}/v1/range/?filter=PERF_RUN_ID:${encodeURIComponent(RUN_ID)}&limit=${ENTRIES}`,
      params: { headers: headers({ Accept: 'text/plain' }), tags: { endpoint: 'range' }, timeout: '60s' },
    };
  }
  return {
    url: `${BASE_URL}${PREFIX}/entries?PERF_RUN_ID=${encodeURIComponent(RUN_ID)}`,
    params: { headers: headers({ Accept: 'application/json', Range: `entries=:${ENTRIES}` }), tags: { endpoint: 'range' }, timeout: '60s' },
  };
}

export const options = {
  scenarios: {
    range: { executor: 'per-vu-iterations', vus: num('VUS', 2), iterations: num('ITERATIONS', 10), maxDuration: __ENV.MAX_DURATION || '120s' },
  },
  thresholds: {
    'http_req_failed': ['rate<0.01'],
    'checks': ['rate>0.99'],
    'http_req_duration{endpoint:range}': [`p(95)<${num('P95_MS', 10000)}`],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
};

export function setup() {
  const r = request();
  requireEndpoint(`logs range (${STYLE})`, r.url, r.params);
}

export default function () {
  const r = request();
  const res = http.get(r.url, r.params);
  let n = 0;
  if (res.status === 200 && res.body) {
    const body = res.body;
    for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) n++;
    if (body.length > 0 && body[body.length - 1] !== '\n') n++;
    // JSON lines only: blank separators (gatewayd ends some with an empty line) do not count.
    if (STYLE === 'entries') n = body.split('\n').filter((l) => l.startsWith('{')).length;
  }
  entriesRead.add(n);
  entriesPerRequest.add(n);
  check(res, {
    'range 200': (x) => x.status === 200,
    [`range returned ${ENTRIES} entries`]: () => n === ENTRIES,
  });
}
