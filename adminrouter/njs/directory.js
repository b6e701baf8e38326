// The cluster directory: agent id -> the address of that agent's Adminrouter.
//
// Two sources (config.js, rendered by render.sh):
//   static  a JSON file {"agents": {"<agent id>": "<ip>:<port>", …}}, read on every lookup so
//           that edits apply at once;
//   mesos   the Mesos master's /master/state-summary, fetched with ngx.fetch and cached in a
//           file shared by all workers (njs 0.7 keeps nothing between requests and has no
//           shared dictionary). Younger than the soft max age: used as is. Older: refreshed
//           (one worker at a time); if the refresh fails, the old copy is still used up to the
//           hard max age, after which lookups fail with 503.
import fs from 'fs';
import config from 'config.js';

// An address goes verbatim into proxy_pass, so it must be exactly host:port, nothing else.
const ADDRESS = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$/;

function DirectoryError(status, message) {
    const e = new Error(message);
    e.status = status;
    return e;
}

// Mesos /master/state-summary -> {id: "ip:agentPort"}. The agent's IP comes from its libprocess
// pid ("slave(1)@10.0.1.12:5051"), as DC/OS Admin Router does; the port is the agent
// Adminrouter's (61001), not the Mesos agent's.
function agentsFromStateSummary(summary) {
    if (summary === null || typeof summary !== 'object' || !Array.isArray(summary.slaves)) {
        throw new Error('state-summary has no "slaves" array');
    }
    const agents = {};
    summary.slaves.forEach(function (agent) {
        if (typeof agent.id !== 'string' || typeof agent.pid !== 'string') {
            return;
        }
        const hostPort = agent.pid.substring(agent.pid.lastIndexOf('@') + 1);
        const address = hostPort.substring(0, hostPort.lastIndexOf(':')) + ':' + config.directory.agentPort;
        if (ADDRESS.test(address)) {
            agents[agent.id] = address;
        }
    });
    return agents;
}

function agentsFromStaticFile() {
    let parsed;
    try {
        parsed = JSON.parse(fs.readFileSync(config.directory.staticFile));
    } catch (e) {
        throw DirectoryError(503, 'cannot read ' + config.directory.staticFile + ': ' + e.message);
    }
    if (parsed === null || typeof parsed.agents !== 'object' || Array.isArray(parsed.agents)) {
        throw DirectoryError(503, config.directory.staticFile + ' has no "agents" object');
    }
    return parsed.agents;
}

function readCache() {
    try {
        const cached = JSON.parse(fs.readFileSync(config.directory.cacheFile));
        return typeof cached.fetchedAt === 'number' && typeof cached.agents === 'object' ? cached : null;
    } catch (e) {
        return null;
    }
}

async function fetchStateSummary() {
    const response = await ngx.fetch(config.directory.mesosUrl, {headers: {Accept: 'application/json'}});
    if (response.status !== 200) {
        throw new Error(config.directory.mesosUrl + ' answered ' + response.status);
    }
    const summary = await response.json();
    const entry = {fetchedAt: Date.now(), agents: agentsFromStateSummary(summary)};
    const temporary = config.directory.cacheFile + '.' + process.pid + '.tmp';
    fs.writeFileSync(temporary, JSON.stringify(entry));
    fs.renameSync(temporary, config.directory.cacheFile);
    return entry;
}

// One refresh at a time across workers: an exclusively created lock file, taken over when it is
// older than a fetch can last (a worker died holding it).
function takeRefreshLock() {
    const lock = config.directory.cacheFile + '.lock';
    try {
        fs.writeFileSync(lock, String(Date.now()), {flag: 'wx'});
        return true;
    } catch (e) {
        if (e.code !== 'EEXIST') {
            return false;
        }
    }
    let takenAt = 0;
    try {
        takenAt = Number(fs.readFileSync(lock));
    } catch (e) {
        return false;
    }
    if (Date.now() - takenAt > config.directory.fetchTimeoutSeconds * 2000) {
        fs.writeFileSync(lock, String(Date.now()));
        return true;
    }
    return false;
}

function releaseRefreshLock() {
    try {
        fs.unlinkSync(config.directory.cacheFile + '.lock');
    } catch (e) {
        // already taken over and released by another worker
    }
}

async function agentsFromMesos(r) {
    const cached = readCache();
    const ageSeconds = cached ? (Date.now() - cached.fetchedAt) / 1000 : Infinity;
    if (ageSeconds <= config.directory.softMaxAgeSeconds) {
        return cached.agents;
    }
    const usable = ageSeconds <= config.directory.hardMaxAgeSeconds;
    // With a usable copy, one worker refreshes and the others go on with it; without one,
    // everybody has to ask.
    if (usable && !takeRefreshLock()) {
        return cached.agents;
    }
    let failure;
    try {
        const fresh = await fetchStateSummary();
        return fresh.agents;
    } catch (e) {
        failure = e.message;
        r.warn('cluster directory refresh from ' + config.directory.mesosUrl + ' failed: ' + failure);
    } finally {
        if (usable) {
            releaseRefreshLock();
        }
    }
    if (usable) {
        return cached.agents;
    }
    throw DirectoryError(503, cached
        ? 'the cluster directory is ' + Math.round(ageSeconds) + ' s old (limit ' + config.directory.hardMaxAgeSeconds + ' s) and cannot be refreshed: ' + failure
        : 'the cluster directory cannot be fetched: ' + failure);
}

// The address (host:port) of the agent's Adminrouter; DirectoryError 404 when the directory does
// not know the agent, 503 when there is no usable directory.
async function resolve(r, agentId) {
    let agents;
    if (config.directory.mode === 'static') {
        agents = agentsFromStaticFile();
    } else if (config.directory.mode === 'mesos') {
        agents = await agentsFromMesos(r);
    } else {
        throw DirectoryError(503, 'no cluster directory is configured');
    }
    const address = Object.prototype.hasOwnProperty.call(agents, agentId) ? agents[agentId] : undefined;
    if (address === undefined) {
        throw DirectoryError(404, 'agent ' + agentId + ' unknown');
    }
    if (typeof address !== 'string' || !ADDRESS.test(address)) {
        throw DirectoryError(503, 'the cluster directory has no valid address for agent ' + agentId);
    }
    return address;
}

export default {resolve, agentsFromStateSummary};
