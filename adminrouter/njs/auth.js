// Adminrouter authentication and authorization (njs 0.7.x).
//
// nginx asks `authorize` through auth_request for every protected location; the location sets
// $day2ops_permission to the permission id it requires ("" = any authenticated caller).
// Tokens are RS256 JWTs verified with the cluster's public key (SPKI, rendered into keys.js).
import keys from 'keys.js';

const TOKEN_COOKIE = 'dcos-acs-auth-cookie';
const INFO_COOKIE = 'dcos-acs-info-cookie';
const SUPERUSER = 'dcos:superuser';
const MAX_TOKEN_LENGTH = 8192;

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
        throw Rejection(401, 'unsupported Authorization scheme; use "token=<jwt>" or "Bearer <jwt>"');
    }
    return cookieValue(r.headersIn.Cookie, TOKEN_COOKIE);
}

function decodeSegment(segment, what) {
    try {
        return JSON.parse(Buffer.from(segment, 'base64url').toString());
    } catch (e) {
        throw Rejection(401, 'malformed token: ' + what + ' is not base64url JSON');
    }
}

async function verifySignature(signingInput, signature) {
    const key = await crypto.subtle.importKey('spki', Buffer.from(keys.rs256Spki, 'base64'),
        {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'}, false, ['verify']);
    return crypto.subtle.verify({name: 'RSASSA-PKCS1-v1_5'}, key,
        Buffer.from(signature, 'base64url'), signingInput);
}

async function verify(token) {
    if (token.length > MAX_TOKEN_LENGTH) {
        throw Rejection(401, 'token too large');
    }
    const parts = token.split('.');
    if (parts.length !== 3) {
        throw Rejection(401, 'malformed token: expected three dot-separated segments');
    }
    const header = decodeSegment(parts[0], 'header');
    if (header.alg !== 'RS256') {
        throw Rejection(401, 'token algorithm ' + JSON.stringify(header.alg) + ' is not accepted');
    }
    if (!(await verifySignature(parts[0] + '.' + parts[1], parts[2]))) {
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
    if (claims.exp + keys.leewaySeconds < now) {
        throw Rejection(401, 'token expired');
    }
    if (typeof claims.nbf === 'number' && claims.nbf - keys.leewaySeconds > now) {
        throw Rejection(401, 'token not valid yet (nbf)');
    }
    if (keys.issuer && claims.iss !== keys.issuer) {
        throw Rejection(401, 'token issuer is not accepted');
    }
    return claims;
}

function permits(claims, permission) {
    if (!permission) {
        return true;
    }
    const groups = Array.isArray(claims.groups) ? claims.groups : [];
    return groups.indexOf(SUPERUSER) >= 0 || groups.indexOf(permission) >= 0;
}

// auth_request handler: 204 allows; 401/403 deny, with the reason in X-Day2ops-Auth-Reason
// (picked up by the error pages) and the caller in X-Day2ops-Uid.
async function authorize(r) {
    const permission = r.variables.day2ops_permission;
    try {
        const token = extractToken(r);
        if (!token) {
            throw Rejection(401, 'authentication required: send a valid token as "Authorization: token=<jwt>"');
        }
        const claims = await verify(token);
        r.headersOut['X-Day2ops-Uid'] = claims.uid;
        if (!permits(claims, permission)) {
            throw Rejection(403, 'permission ' + permission + ' required');
        }
        r.return(204);
    } catch (e) {
        if (e.status === undefined) {
            r.error('authorization failed unexpectedly: ' + e);
            e = Rejection(401, 'token could not be verified');
        }
        r.headersOut['X-Day2ops-Auth-Reason'] = e.reason;
        r.return(e.status);
    }
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
        .filter(c => !c.startsWith(TOKEN_COOKIE + '=') && !c.startsWith(INFO_COOKIE + '='))
        .join('; ');
}

function problem(r, status, title, detail) {
    return JSON.stringify({type: 'about:blank', title: title, status: status, detail: detail, instance: r.uri});
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

export default {authorize, upstreamAuthorization, upstreamCookie,
    unauthorizedProblem, forbiddenProblem, badGatewayProblem, gatewayTimeoutProblem};
