// Adminrouter authentication and authorization (njs 0.7.x: no classes, no destructuring).
//
// nginx asks `authorize` through auth_request for every protected location; the location sets
// $day2ops_permission to the permission id it requires ("" = any authenticated caller) and
// $day2ops_object to the resource id written to the audit line. With the verified-token cache
// enabled, `authorize` runs behind a proxy_cache'd loopback hop and takes the permission from
// the X-Day2ops-Permission request header instead (see templates/common/authorize-cached.conf).
//
// Tokens are RS256 JWTs verified with the cluster's public key(s) (SPKI, rendered into
// config.js), or HS256 when a shared secret is configured.
import hashes from 'crypto';
import config from 'config.js';
import directory from 'directory.js';

const TOKEN_COOKIE = 'dcos-acs-auth-cookie';
const INFO_COOKIE = 'dcos-acs-info-cookie';
const SUPERUSER = 'dcos:superuser';

// A decision to refuse the request (njs 0.7 has no classes: an Error tagged with a status).
function Rejection(status, reason) {
    const e = new Error(reason);
    e.status = status;
    e.reason = reason;
    return e;
}

function cookieValue(header, name) {
    if (!header) {
        return null;
    }
    const parts = header.split(';');
    for (let i = 0; i < parts.length; i++) {
        const part = parts[i].trim();
        if (part.startsWith(name + '=')) {
            return part.substring(name.length + 1);
        }
    }
    return null;
}

// The token in DC/OS precedence: "token=" header, "Bearer" header, else the cookie — the
// cookie only when the request has no Authorization header at all.
function extractToken(r) {
    const header = r.headersIn.Authorization;
    if (header !== undefined) {
        const value = header.trim();
        if (value.substring(0, 6).toLowerCase() === 'token=') {
            return value.substring(6);
        }
        if (value.substring(0, 7).toLowerCase() === 'bearer ') {
            return value.substring(7).trim();
        }
        throw Rejection(401, 'unsupported Authorization scheme; use token=<jwt> or Bearer <jwt>');
    }
    return cookieValue(r.headersIn.Cookie, TOKEN_COOKIE);
}

function decodeSegment(segment, what) {
    let value;
    try {
        value = JSON.parse(Buffer.from(segment, 'base64url').toString());
    } catch (e) {
        throw Rejection(401, 'malformed token: ' + what + ' is not base64url JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw Rejection(401, 'malformed token: ' + what + ' is not a JSON object');
    }
    return value;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

// Only the canonical base64url spelling of a segment: decoders ignore the unused low bits of the
// last character, which would let many strings carry one signature (and the token cache tell
// them apart). A token is exactly one string.
function canonicalBase64url(segment) {
    return BASE64URL.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment;
}

async function verifyRs256(header, signingInput, signature) {
    let candidates = config.rs256Keys;
    if (typeof header.kid === 'string') {
        candidates = candidates.filter(k => !k.kid || k.kid === header.kid);
    }
    for (let i = 0; i < candidates.length; i++) {
        const key = await crypto.subtle.importKey('spki', Buffer.from(candidates[i].spki, 'base64'),
            {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'}, false, ['verify']);
        if (await crypto.subtle.verify({name: 'RSASSA-PKCS1-v1_5'}, key, signature, signingInput)) {
            return true;
        }
    }
    return false;
}

// Compares two strings in time independent of where they differ.
function constantTimeEquals(a, b) {
    if (a.length !== b.length) {
        return false;
    }
    let diff = 0;
    for (let i = 0; i < a.length; i++) {
        diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
    }
    return diff === 0;
}

function verifyHs256(signingInput, signature) {
    const expected = hashes.createHmac('sha256', Buffer.from(config.hs256Secret, 'base64'))
        .update(signingInput).digest('base64url');
    return constantTimeEquals(expected, signature);
}

// The algorithms this node accepts, so that an RS256 public key can never be used as an HS256
// secret (RS/HS confusion): HS256 is verified only against the configured secret, and only
// when one is configured.
function algorithmAccepted(alg) {
    return (alg === 'RS256' && config.rs256Keys.length > 0) || (alg === 'HS256' && config.hs256Secret !== '');
}

async function verify(token) {
    if (token.length > config.maxTokenBytes) {
        throw Rejection(401, 'token too large (more than ' + config.maxTokenBytes + ' bytes)');
    }
    const parts = token.split('.');
    if (parts.length !== 3 || !canonicalBase64url(parts[0]) || !canonicalBase64url(parts[1]) || !canonicalBase64url(parts[2])) {
        throw Rejection(401, 'malformed token: expected three base64url segments');
    }
    const header = decodeSegment(parts[0], 'header');
    if (typeof header.alg !== 'string' || !algorithmAccepted(header.alg)) {
        const alg = typeof header.alg === 'string' ? header.alg.substring(0, 16) : 'missing';
        throw Rejection(401, 'token algorithm ' + alg + ' is not accepted');
    }
    const signingInput = parts[0] + '.' + parts[1];
    const valid = header.alg === 'HS256'
        ? verifyHs256(signingInput, parts[2])
        : await verifyRs256(header, signingInput, Buffer.from(parts[2], 'base64url'));
    if (!valid) {
        throw Rejection(401, 'token signature is invalid');
    }
    const claims = decodeSegment(parts[1], 'payload');
    const now = Date.now() / 1000;
    if (typeof claims.uid !== 'string' || claims.uid.length === 0) {
        throw Rejection(401, 'token has no uid claim');
    }
    if (typeof claims.exp !== 'number') {
        throw Rejection(401, 'token has no exp claim');
    }
    if (claims.exp + config.leewaySeconds < now) {
        throw Rejection(401, 'token expired');
    }
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf - config.leewaySeconds > now)) {
        throw Rejection(401, 'token not valid yet (nbf)');
    }
    if (config.issuer && claims.iss !== config.issuer) {
        throw Rejection(401, 'token issuer is not accepted');
    }
    return claims;
}

// Why the caller may pass, or null when it may not.
function grant(claims, permission) {
    const groups = Array.isArray(claims.groups) ? claims.groups : [];
    if (!permission) {
        return 'authenticated; the route requires no permission';
    }
    if (groups.indexOf(permission) >= 0) {
        return 'permission ' + permission + ' granted';
    }
    if (groups.indexOf(SUPERUSER) >= 0) {
        return 'permission ' + permission + ' granted by ' + SUPERUSER;
    }
    return null;
}

// Seconds a decision about these claims may be reused: never beyond exp, at most the
// configured cache time; 0 = do not cache.
function cacheSeconds(claims) {
    const remaining = Math.floor(claims.exp - Date.now() / 1000);
    return Math.max(0, Math.min(config.tokenCacheSeconds, remaining));
}

// auth_request handler: 200 allows, 401/403 deny. The reason travels in X-Day2ops-Auth-Reason
// (picked up by the error pages and the audit line), the caller in X-Day2ops-Uid, and how long
// the decision may be cached in X-Accel-Expires (only read by the cached variant).
async function authorize(r) {
    const permission = r.variables.day2ops_permission;
    let status = 200;
    let reason;
    let expires = 0;
    try {
        const token = extractToken(r);
        if (!token) {
            throw Rejection(401, 'authentication required: send Authorization: token=<jwt>, Bearer <jwt> or the ' + TOKEN_COOKIE + ' cookie');
        }
        const claims = await verify(token);
        r.headersOut['X-Day2ops-Uid'] = claims.uid;
        expires = cacheSeconds(claims);
        reason = grant(claims, permission);
        if (reason === null) {
            throw Rejection(403, 'permission ' + permission + ' required');
        }
    } catch (e) {
        if (e.status === undefined) {
            r.error('authorization failed unexpectedly: ' + e);
            e = Rejection(401, 'token could not be verified');
        }
        status = e.status;
        reason = e.reason;
        if (status === 401) {
            expires = 0;
        }
    }
    r.headersOut['X-Day2ops-Auth-Reason'] = reason;
    r.headersOut['X-Accel-Expires'] = String(expires);
    r.return(status, '');
}

// proxy_cache key of the authorization decision: a digest of exactly what `authorize` reads (the
// Authorization header, else the token cookie) — never the token itself, because nginx writes
// the key into the cache file. "" when there is nothing to verify (those are never cached).
function tokenDigest(r) {
    const header = r.headersIn.Authorization;
    let source;
    if (header !== undefined) {
        source = 'h:' + header;
    } else {
        const cookie = cookieValue(r.headersIn.Cookie, TOKEN_COOKIE);
        if (!cookie) {
            return '';
        }
        source = 'c:' + cookie;
    }
    return hashes.createHash('sha256').update(source).digest('hex');
}

// What the upstream gets as Authorization: the caller's header, or the cookie's token as
// "token=<jwt>" (DC/OS cookies never travel upstream); nothing where the route sets
// $day2ops_forward_token to "no".
function upstreamAuthorization(r) {
    if (r.variables.day2ops_forward_token === 'no') {
        return '';
    }
    const header = r.headersIn.Authorization;
    if (header !== undefined) {
        return header;
    }
    const token = cookieValue(r.headersIn.Cookie, TOKEN_COOKIE);
    return token ? 'token=' + token : '';
}

// The Cookie header minus the DC/OS authentication cookies.
function upstreamCookie(r) {
    const header = r.headersIn.Cookie;
    if (!header) {
        return '';
    }
    return header.split(';').map(c => c.trim())
        .filter(c => c !== '' && !c.startsWith(TOKEN_COOKIE + '=') && !c.startsWith(INFO_COOKIE + '='))
        .join('; ');
}

// `instance` is the path the client asked for (routes that rewrite r.uri would show internals).
function problem(r, status, title, detail) {
    const instance = (r.variables.request_uri || r.uri).split('?')[0];
    return JSON.stringify({type: 'about:blank', title: title, status: status, detail: detail, instance: instance});
}

function sendProblem(r, status, title, detail) {
    r.headersOut['Content-Type'] = 'application/problem+json';
    r.return(status, problem(r, status, title, detail));
}

// Content handler of /system/v1/agent/{id}/…, after authorization: resolves the agent in the
// cluster directory and hands the request to the proxy location of its kind (logs stream,
// debug upgrades to WebSocket, metrics are plain).
async function routeAgent(r) {
    const agentId = r.variables.agentid;
    const path = r.variables.agent_path;
    let address;
    try {
        address = await directory.resolve(r, agentId);
    } catch (e) {
        if (e.status === 404) {
            return sendProblem(r, 404, 'Not Found', 'agent ' + agentId + ' unknown');
        }
        r.warn('cluster directory unavailable: ' + e.message);
        return sendProblem(r, 503, 'Service Unavailable', 'cluster directory unavailable: ' + e.message);
    }
    r.variables.day2ops_agent_address = address;
    const kind = path.startsWith('/logs') ? 'logs' : path.startsWith('/debug') ? 'debug' : 'metrics';
    r.internalRedirect('@day2ops_agent_' + kind);
}

// Bodies of the error pages (application/problem+json). The reason comes from `authorize`
// through auth_request_set.
function unauthorizedProblem(r) {
    return problem(r, 401, 'Unauthorized', r.variables.day2ops_auth_reason || 'authentication required');
}

function forbiddenProblem(r) {
    return problem(r, 403, 'Forbidden', r.variables.day2ops_auth_reason || 'permission denied');
}

function badGatewayProblem(r) {
    return problem(r, 502, 'Bad Gateway', 'the service behind this route is not reachable');
}

function gatewayTimeoutProblem(r) {
    return problem(r, 504, 'Gateway Timeout', 'the service behind this route did not answer in time');
}

export default {authorize, tokenDigest, upstreamAuthorization, upstreamCookie, routeAgent,
    unauthorizedProblem, forbiddenProblem, badGatewayProblem, gatewayTimeoutProblem};
