"""The route x token matrix: every route of both roles against every kind of token, through a
real nginx rendered from the templates, with recording upstreams. Each cell checks the status,
the problem+json answer of a refusal (and that nothing reached the upstream), or, when allowed,
the path the upstream received, the Authorization it got (forwarded, rewritten from the cookie,
or cleared) and that the DC/OS cookies were stripped.
"""
import collections
import functools
import time
import unittest

import harness
import world

LOGS = "dcos:adminrouter:ops:system-logs"
METRICS = "dcos:adminrouter:ops:system-metrics"
HEALTH = "dcos:adminrouter:ops:system-health"
DEBUG = "dcos:adminrouter:ops:debug"
AGENT = "dcos:adminrouter:system:agent"

# name, request path, permissions the token needs, which upstream receives it, the path it
# receives, whether Authorization is forwarded, whether the route needs no permission at all.
Route = collections.namedtuple("Route", "name path permissions upstream upstream_path forwards_token authenticated_only")

SERVICE_ROUTES = [
    Route("logs", "/system/v1/logs/v2/component?filter=UNIT:a.service", [LOGS], "logs", "/v2/component?filter=UNIT:a.service", True, False),
    Route("metrics", "/system/v1/metrics/v0/node", [METRICS], "metrics", "/v0/node", True, False),
    Route("health", "/system/health/v1/units", [HEALTH], "diagnostics", "/system/health/v1/units", True, False),
    Route("health_q", "/system/health/v1/q/health/ready", [HEALTH], "diagnostics", "/q/health/ready", True, False),
    Route("checks", "/system/checks/v1/node", [], "diagnostics", "/system/checks/v1/node", False, True),
    Route("debug", "/system/v1/debug/sessions", [DEBUG], "debug", "/sessions", True, False),
]

MASTER_ROUTES = SERVICE_ROUTES + [
    Route("agent_logs", "/system/v1/agent/%s/logs/v2/component?skip=-5" % world.AGENT_ID, [AGENT, LOGS],
          "agent:logs", "/v2/component?skip=-5", True, False),
    Route("agent_metrics", "/system/v1/agent/%s/metrics/v0/containers" % world.AGENT_ID, [AGENT, METRICS],
          "agent:metrics", "/v0/containers", True, False),
    Route("agent_debug", "/system/v1/agent/%s/debug/sessions" % world.AGENT_ID, [AGENT, DEBUG],
          "agent:debug", "/sessions", True, False),
    Route("leader_mesos", "/system/v1/leader/mesos/logs/v2/component", [], "mesos-leader",
          "/system/v1/logs/v2/component", True, True),
    Route("leader_marathon", "/system/v1/leader/marathon/metrics/v0/node?x=1", [], "marathon-leader",
          "/system/v1/metrics/v0/node?x=1", True, True),
]

OTHER_COOKIES = "theme=dark; dcos-acs-info-cookie=eyJ1aWQiOiJhbGljZSJ9"


@functools.lru_cache(maxsize=None)
def token(kind, permissions):
    w = world.get()
    groups = list(permissions)
    now = int(time.time())
    if kind == "valid":
        return harness.rs256(w.key, harness.claims(groups=groups))
    if kind == "unrelated":
        return harness.rs256(w.key, harness.claims(groups=["dcos:adminrouter:ops:unrelated"]))
    if kind == "superuser":
        return harness.rs256(w.key, harness.claims(uid="root", groups=["dcos:superuser"]))
    if kind == "expired":
        return harness.rs256(w.key, harness.claims(groups=groups, exp=now - 120))
    if kind == "nbf":
        return harness.rs256(w.key, harness.claims(groups=groups, nbf=now + 300))
    if kind == "bad_signature":
        return harness.rs256(w.foreign_key, harness.claims(groups=groups))
    if kind == "alg_none":
        return harness.alg_none(harness.claims(groups=groups))
    if kind == "hs_with_public_key":
        return harness.hs256(w.key.public_pem_bytes, harness.claims(groups=groups))
    if kind == "missing_uid":
        return harness.rs256(w.key, harness.claims(uid=None, groups=groups))
    if kind == "wrong_iss":
        return harness.rs256(w.key, harness.claims(groups=groups, iss="https://elsewhere.test/"))
    raise ValueError(kind)


# case name -> (headers for the route, outcome) where outcome is 401, 403, or "allow" with the
# Authorization the upstream must see ("header" = as sent, "cookie" = token=<cookie token>).
def cases(route):
    p = tuple(route.permissions)
    valid = token("valid", p)
    return {
        "no_token": ({}, 401),
        "malformed": ({"Authorization": "token=abc.def"}, 401),
        "expired": ({"Authorization": "token=" + token("expired", p)}, 401),
        "nbf_in_future": ({"Authorization": "token=" + token("nbf", p)}, 401),
        "bad_signature": ({"Authorization": "token=" + token("bad_signature", p)}, 401),
        "alg_none": ({"Authorization": "token=" + token("alg_none", p)}, 401),
        "hs256_signed_with_rs_public_key": ({"Authorization": "token=" + token("hs_with_public_key", p)}, 401),
        "missing_uid": ({"Authorization": "token=" + token("missing_uid", p)}, 401),
        "wrong_iss": ({"Authorization": "token=" + token("wrong_iss", p)}, 401),
        "no_permission": ({"Authorization": "token=" + token("unrelated", p)},
                          "allow:header" if route.authenticated_only else 403),
        "right_permission": ({"Authorization": "token=" + valid}, "allow:header"),
        "superuser_bearer": ({"Authorization": "Bearer " + token("superuser", p)}, "allow:header"),
        "cookie_only": ({"Cookie": "theme=dark; dcos-acs-auth-cookie=%s; dcos-acs-info-cookie=e30" % valid},
                        "allow:cookie"),
        "header_and_cookie_both": ({"Authorization": "token=" + valid,
                                    "Cookie": "dcos-acs-auth-cookie=not-a-token; " + OTHER_COOKIES},
                                   "allow:header"),
    }


def upstream_of(w, name):
    if name.startswith("agent:"):
        return w.agent_upstreams[name.split(":", 1)[1]]
    if name == "mesos-leader":
        return w.mesos_leader
    if name == "marathon-leader":
        return w.marathon_leader
    return None


class MatrixCase(unittest.TestCase):
    nginx_name = None  # "cached", "direct" or "agent"

    def nginx(self, w):
        return getattr(w, self.nginx_name)

    def upstreams(self, w):
        return w.agent_upstreams if self.nginx_name == "agent" else w.master_upstreams

    def check(self, route, case):
        w = world.get()
        headers, outcome = cases(route)[case]
        probe = harness.probe_id()
        headers = dict(headers, **{"X-Test-Probe": probe})
        response = harness.request(self.nginx(w).base, route.path, headers)
        upstream = upstream_of(w, route.upstream) or self.upstreams(w)[route.upstream]
        received = upstream.received(probe)
        if outcome in (401, 403):
            self.assertEqual(outcome, response.status, response.body)
            self.assertEqual("application/problem+json", response.header("content-type"))
            problem = response.json()
            self.assertEqual(outcome, problem["status"])
            self.assertTrue(problem["detail"])
            if outcome == 401:
                self.assertEqual("acsjwt", response.header("www-authenticate"))
            else:
                self.assertIn(route.permissions[0], problem["detail"])
            self.assertEqual([], received, "a refused request reached the upstream")
            return
        self.assertEqual(200, response.status, response.body)
        self.assertEqual(1, len(received), "the upstream got %d requests" % len(received))
        got = received[0]
        self.assertEqual(route.upstream_path, got["path"])
        if not route.forwards_token:
            self.assertNotIn("authorization", got["headers"])
        elif outcome == "allow:cookie":
            cookie_token = headers["Cookie"].split("dcos-acs-auth-cookie=")[1].split(";")[0]
            self.assertEqual("token=" + cookie_token, got["headers"].get("authorization"))
        else:
            self.assertEqual(headers["Authorization"], got["headers"].get("authorization"))
        cookie = got["headers"].get("cookie")
        if "Cookie" in headers:
            self.assertEqual("theme=dark", cookie)
        else:
            self.assertIsNone(cookie)


def generate(class_name, nginx_name, routes):
    methods = {"nginx_name": nginx_name}
    for route in routes:
        for case in CASE_NAMES:
            methods["test_%s__%s" % (route.name, case)] = (lambda r, c: lambda self: self.check(r, c))(route, case)
    return type(class_name, (MatrixCase,), methods)


CASE_NAMES = ["no_token", "malformed", "expired", "nbf_in_future", "bad_signature", "alg_none",
              "hs256_signed_with_rs_public_key", "missing_uid", "wrong_iss", "no_permission",
              "right_permission", "superuser_bearer", "cookie_only", "header_and_cookie_both"]

MasterWithTokenCacheAndMesosDirectory = generate("MasterWithTokenCacheAndMesosDirectory", "cached", MASTER_ROUTES)
MasterWithoutTokenCacheWithStaticDirectory = generate("MasterWithoutTokenCacheWithStaticDirectory", "direct", MASTER_ROUTES)
AgentRole = generate("AgentRole", "agent", SERVICE_ROUTES)
