// One Prometheus endpoint scraped sequentially by one client: latency per scrape. Used for the
// side-by-side comparison with prometheus-node-exporter (the runner samples the server's CPU
// from /proc around this run, so CPU per scrape = CPU seconds / SCRAPES).
//
//   k6 run -e URL=http://127.0.0.1:9100/metrics -e SCRAPES=200 perf/k6/scrape.js
//   k6 run -e URL=http://127.0.0.1:8000/system/v1/metrics/metrics -e TOKEN_FILE=... perf/k6/scrape.js
import http from 'k6/http';
import { check } from 'k6';
import { headers, num, requireEndpoint } from './lib.js';

const URL = __ENV.URL;
if (!URL) throw new Error('URL is required');

export const options = {
  scenarios: {
    scrape: { executor: 'per-vu-iterations', vus: 1, iterations: num('SCRAPES', 200), maxDuration: __ENV.MAX_DURATION || '120s' },
  },
  thresholds: {
    'http_req_failed': ['rate<0.01'],
    'http_req_duration': [`p(95)<${num('P95_MS', 2000)}`],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
};

export function setup() {
  requireEndpoint('scrape', URL, { headers: headers() });
}

export default function () {
  const res = http.get(URL, { headers: headers() });
  check(res, { 'scrape 200': (r) => r.status === 200 && r.body.length > 0 });
}
