// Shared by the k6 scripts: where to go, with which token, and a clear failure when a route is absent.
import http from 'k6/http';

export const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:8000').replace(/\/$/, '');

// TOKEN (the JWT itself) or TOKEN_FILE (e.g. <state-dir>/operator.token); empty for a peer that
// takes no token (node-exporter, gatewayd).
function readToken() {
  if (__ENV.TOKEN) return __ENV.TOKEN.trim();
  if (__ENV.TOKEN_FILE) return open(__ENV.TOKEN_FILE).trim();
  return '';
}
export const TOKEN = readToken();

export function headers(extra) {
  const h = Object.assign({}, extra || {});
  if (TOKEN) h.Authorization = `token=${TOKEN}`;
  return h;
}

export function num(name, dflt) {
  const v = __ENV[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got '${v}'`);
  return n;
}

// Called from setup(): one request that must answer 200, else the run stops with the reason
// (an absent endpoint is a failure, never a skipped measurement).
export function requireEndpoint(what, url, params) {
  const res = http.get(url, params);
  if (res.status !== 200) {
    const body = (res.body || '').toString().slice(0, 300).replace(/\s+/g, ' ');
    throw new Error(`${what}: GET ${url} answered HTTP ${res.status}${res.error ? ` (${res.error})` : ''}` +
      ` — the endpoint is absent or broken, so this measurement cannot run. Body: ${body}`);
  }
  return res;
}
