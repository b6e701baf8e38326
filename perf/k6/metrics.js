// Metrics API load: /v0/node (DC/OS Metrics v0 JSON) and /metrics (Prometheus text), through
// Adminrouter with a real token. Closed loop, bounded: VUS virtual users × ITERATIONS requests
// per endpoint, at most MAX_DURATION.
//
//   k6 run -e BASE_URL=http://127.0.0.1:8000 -e TOKEN_FILE=.run/operator.token perf/k6/metrics.js
//
// Env: PREFIX (default /system/v1/metrics), VUS (4), ITERATIONS (50 per VU and endpoint),
// MAX_DURATION (60s), P95_NODE_MS / P95_PROM_MS (thresholds, default 1000 / 2000 ms: generous,
// the gate on relative speed is the peer ratio).
import http from 'k6/http';
import { check } from 'k6';
import { BASE_URL, headers, num, requireEndpoint } from './lib.js';

const PREFIX = __ENV.PREFIX === undefined ? '/system/v1/metrics' : __ENV.PREFIX;
const VUS = num('VUS', 4);
const ITERATIONS = num('ITERATIONS', 50);
const MAX_DURATION = __ENV.MAX_DURATION || '60s';

export const options = {
  scenarios: {
    node: { executor: 'per-vu-iterations', exec: 'node', vus: VUS, iterations: ITERATIONS, maxDuration: MAX_DURATION },
    prometheus: { executor: 'per-vu-iterations', exec: 'prometheus', vus: VUS, iterations: ITERATIONS, maxDuration: MAX_DURATION },
  },
  thresholds: {
    'http_req_failed': ['rate<0.01'],
    'checks': ['rate>0.99'],
    'http_req_duration{endpoint:node}': [`p(95)<${num('P95_NODE_MS', 1000)}`],
    'http_req_duration{endpoint:prometheus}': [`p(95)<${num('P95_PROM_MS', 2000)}`],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
};

export function setup() {
  requireEndpoint('metrics /v0/node', `${BASE_URL}${PREFIX}/v0/node`, { headers: headers() });
  requireEndpoint('metrics /metrics', `${BASE_URL}${PREFIX}/metrics`, { headers: headers() });
}

export function node() {
  const res = http.get(`${BASE_URL}${PREFIX}/v0/node`, { headers: headers(), tags: { endpoint: 'node' } });
  check(res, {
    'node 200': (r) => r.status === 200,
    'node has datapoints': (r) => {
      try { return Array.isArray(r.json('datapoints')) && r.json('datapoints').length > 0; } catch (e) { return false; }
    },
  });
}

export function prometheus() {
  const res = http.get(`${BASE_URL}${PREFIX}/metrics`, { headers: headers(), tags: { endpoint: 'prometheus' } });
  check(res, {
    'prometheus 200': (r) => r.status === 200,
    'prometheus text has samples': (r) => typeof r.body === 'string' && /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? /m.test(r.body),
  });
}
