"""Agent routing through the cluster directory: static file and Mesos state-summary (recorded
shape, served by a local stub) with its soft and hard max age; unknown agents, unusable
directories, and what the agent's Adminrouter receives."""
import json
import time
import unittest

import harness
import world

AGENT_ROUTE = "/system/v1/agent/%s/logs/v2/component"
GROUPS = ["dcos:adminrouter:system:agent", "dcos:adminrouter:ops:system-logs"]


def operator_token():
    return harness.rs256(world.get().key, harness.claims(groups=GROUPS))


class StaticDirectoryRoutingTest(unittest.TestCase):
    def setUp(self):
        self.w = world.get()
        self.auth = {"Authorization": "token=" + operator_token()}

    def tearDown(self):
        self.w.write_directory({world.AGENT_ID: "127.0.0.1:%d" % self.w.agent.port})

    def get(self, agent_id):
        probe = harness.probe_id()
        response = harness.request(self.w.direct.base, AGENT_ROUTE % agent_id, dict(self.auth, **{"X-Test-Probe": probe}))
        return response, self.w.agent_upstreams["logs"].received(probe)

    def test_routesKnownAgentToItsAdminrouter(self):
        response, received = self.get(world.AGENT_ID)
        self.assertEqual(200, response.status, response.body)
        self.assertEqual("/v2/component", received[0]["path"])

    def test_unknownAgentIs404WithItsId(self):
        response, received = self.get("no-such-agent-S9")
        self.assertEqual(404, response.status)
        self.assertEqual("application/problem+json", response.header("content-type"))
        self.assertEqual("agent no-such-agent-S9 unknown", response.json()["detail"])
        self.assertEqual([], received)

    def test_editsOfTheFileApplyAtOnce(self):
        self.w.write_directory({"added-agent-S7": "127.0.0.1:%d" % self.w.agent.port})
        self.assertEqual(200, self.get("added-agent-S7")[0].status)
        self.assertEqual(404, self.get(world.AGENT_ID)[0].status)

    def test_unreadableDirectoryIs503(self):
        self.w.write_directory(None, raw="{not json")
        response, received = self.get(world.AGENT_ID)
        self.assertEqual(503, response.status)
        self.assertEqual("application/problem+json", response.header("content-type"))
        self.assertIn("cluster directory unavailable", response.json()["detail"])
        self.assertEqual([], received)

    def test_addressThatIsNotHostPortIs503(self):
        self.w.write_directory({world.AGENT_ID: "127.0.0.1:1/evil?"})
        self.assertEqual(503, self.get(world.AGENT_ID)[0].status)

    def test_unreachableAgentIs502ProblemJson(self):
        self.w.write_directory({world.AGENT_ID: "127.0.0.1:%d" % harness.free_port()})
        response, _ = self.get(world.AGENT_ID)
        self.assertEqual(502, response.status)
        self.assertEqual("application/problem+json", response.header("content-type"))
        self.assertNotIn(b"127.0.0.1", response.body)

    def test_requestBodyReachesTheAgentsService(self):
        probe = harness.probe_id()
        response = harness.request(self.w.direct.base, "/system/v1/agent/%s/debug/sessions" % world.AGENT_ID,
                                   {"Authorization": "token=" + harness.rs256(self.w.key, harness.claims(groups=["dcos:superuser"])),
                                    "X-Test-Probe": probe, "Content-Type": "application/json"},
                                   method="POST", body=b'{"cmd":["sh"]}')
        self.assertEqual(200, response.status)
        received = self.w.agent_upstreams["debug"].received(probe)[0]
        self.assertEqual(("POST", "/sessions", b'{"cmd":["sh"]}'), (received["method"], received["path"], received["body"]))

    def test_unknownAgentNeedsAuthenticationFirst(self):
        response = harness.request(self.w.direct.base, AGENT_ROUTE % "no-such-agent-S9")
        self.assertEqual(401, response.status)

    def test_pathOutsideTheAgentApisIsNotRouted(self):
        response = harness.request(self.w.direct.base, "/system/v1/agent/%s/files/browse" % world.AGENT_ID, self.auth)
        self.assertEqual(404, response.status)
        self.assertEqual("application/problem+json", response.header("content-type"))

    def test_queryAndEncodedPathReachTheAgentIntact(self):
        probe = harness.probe_id()
        response = harness.request(self.w.direct.base, "/system/v1/agent/%s/logs/v2/task/a%%20b?cursor=s%%3D1&skip=-2" % world.AGENT_ID,
                                   dict(self.auth, **{"X-Test-Probe": probe}))
        self.assertEqual(200, response.status)
        self.assertEqual("/v2/task/a%20b?cursor=s%3D1&skip=-2", self.w.agent_upstreams["logs"].received(probe)[0]["path"])


class MesosDirectoryRoutingTest(unittest.TestCase):
    """A master of its own with short max ages (soft 1 s, hard 3 s) and its own Mesos stub, so
    that breaking the stub does not disturb other tests."""

    @classmethod
    def setUpClass(cls):
        w = world.get()
        cls.mesos = harness.MesosStub()
        try:
            cls.master = harness.Nginx("master-mesos-ages", "master", [
                "--public-key", w.key.public_pem, "--mesos-url", cls.mesos.url, "--agent-port", str(w.agent.port),
                "--directory-soft-max-age", "1", "--directory-hard-max-age", "3", "--directory-timeout", "2",
                "--audit-file", "/dev/null", "--token-cache-ttl", "0"])
        except Exception:
            cls.mesos.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.master.stop()
        cls.mesos.stop()

    def get(self, agent_id=world.AGENT_ID):
        return harness.request(self.master.base, AGENT_ROUTE % agent_id, {"Authorization": "token=" + operator_token()})

    def test_directoryAgesSoftThenHard(self):
        # One sequence, because each step depends on the cache's age.
        self.mesos.mode = "ok"
        self.assertEqual(200, self.get().status)
        self.assertEqual(404, self.get("unknown-S5").status)
        self.assertEqual(1, self.mesos.fetches, "a fresh directory is fetched once")

        time.sleep(1.3)  # past the soft max age: refreshed
        self.assertEqual(200, self.get().status)
        self.assertEqual(2, self.mesos.fetches)

        self.mesos.mode = "error"
        time.sleep(1.3)  # soft-stale and Mesos failing: the old copy still serves
        self.assertEqual(200, self.get().status)
        self.assertEqual(3, self.mesos.fetches)

        time.sleep(2.0)  # past the hard max age and Mesos still failing: 503
        response = self.get()
        self.assertEqual(503, response.status)
        self.assertEqual("application/problem+json", response.header("content-type"))
        self.assertIn("s old", response.json()["detail"])

        self.mesos.mode = "ok"  # Mesos back: served again
        self.assertEqual(200, self.get().status)

    def test_knownAgentAtAnotherAddressIsProxiedThere(self):
        # S1's pid is 10.0.4.23; the directory maps it to 10.0.4.23:<agent port>, which does not
        # answer here: the route reaches nginx's proxy (502/504), not a 404.
        self.mesos.mode = "ok"
        self.assertIn(self.get(world.OTHER_AGENT_ID).status, (502, 504))


class MesosDirectoryUnavailableTest(unittest.TestCase):
    def test_noDirectoryYetAndMesosDownIs503(self):
        w = world.get()
        master = harness.Nginx("master-mesos-down", "master", [
            "--public-key", w.key.public_pem, "--mesos-url", "http://127.0.0.1:%d/master/state-summary" % harness.free_port(),
            "--audit-file", "/dev/null", "--token-cache-ttl", "0"])
        try:
            response = harness.request(master.base, AGENT_ROUTE % world.AGENT_ID, {"Authorization": "token=" + operator_token()})
            self.assertEqual(503, response.status)
            self.assertIn("cannot be fetched", response.json()["detail"])
        finally:
            master.stop()


class StateSummaryParsingTest(unittest.TestCase):
    """The directory the master wrote from the recorded state-summary: ids from `slaves[].id`,
    IPs from the libprocess pid, the agent Adminrouter's port."""

    def test_cacheFileMapsEveryAgentFromTheRecordedStateSummary(self):
        w = world.get()
        harness.request(w.cached.base, AGENT_ROUTE % world.AGENT_ID, {"Authorization": "token=" + operator_token()})
        with open(w.cached.file("state", "directory.json")) as f:
            cached = json.load(f)
        self.assertEqual({world.AGENT_ID: "127.0.0.1:%d" % w.agent.port,
                          world.OTHER_AGENT_ID: "10.0.4.23:%d" % w.agent.port}, cached["agents"])
        self.assertLessEqual(abs(cached["fetchedAt"] / 1000 - time.time()), 120)


class LeaderRoutingTest(unittest.TestCase):
    def test_leaderRootMapsToSystemV1(self):
        w = world.get()
        probe = harness.probe_id()
        token = harness.rs256(w.key, harness.claims())
        response = harness.request(w.direct.base, "/system/v1/leader/mesos", {"Authorization": "token=" + token, "X-Test-Probe": probe})
        self.assertEqual(200, response.status)
        self.assertEqual("/system/v1", w.mesos_leader.received(probe)[0]["path"])

    def test_problemNamesThePathTheClientAskedFor(self):
        response = harness.request(world.get().direct.base, "/system/v1/leader/marathon/v2/apps?x=1")
        self.assertEqual(401, response.status)
        self.assertEqual("/system/v1/leader/marathon/v2/apps", response.json()["instance"])

    def test_similarPrefixIsNotTheLeaderRoute(self):
        w = world.get()
        token = harness.rs256(w.key, harness.claims(groups=["dcos:superuser"]))
        response = harness.request(w.direct.base, "/system/v1/leader/mesosphere/x", {"Authorization": "token=" + token})
        self.assertEqual(404, response.status)


if __name__ == "__main__":
    unittest.main()
