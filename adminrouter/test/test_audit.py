"""Audit lines, read back from the journal: one per decision, in the contract's format, through
syslog to journald, for cached decisions too, and never with token material."""
import json
import re
import subprocess
import time
import unittest

import harness
import world

METRICS = "dcos:adminrouter:ops:system-metrics"
LINE = re.compile(
    r'^type=audit timestamp=(?P<timestamp>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d) authorizer=adminrouter '
    r'object=(?P<object>\S+) action=full result=(?P<result>allow|deny) reason="(?P<reason>[^"]*)" '
    r'srcip=(?P<srcip>\S+) request_uri=(?P<request_uri>\S+) uid=(?P<uid>\S+)$')


def journal_entries(tag, marker, expected, seconds=10):
    """The journal entries of `tag` whose message contains `marker`, once `expected` are there."""
    deadline = time.time() + seconds
    entries = []
    while time.time() < deadline:
        result = subprocess.run(["journalctl", "--no-pager", "-q", "-o", "json", "-t", tag],
                                capture_output=True, text=True)
        if "insufficient permissions" in result.stderr or "No journal files" in result.stderr:
            raise AssertionError("journalctl cannot read the system journal (%s): run as root or in group "
                                 "systemd-journal" % result.stderr.strip())
        out = result.stdout
        entries = [e for e in map(json.loads, filter(None, out.splitlines())) if marker in str(e.get("MESSAGE", ""))]
        if len(entries) >= expected:
            return entries
        time.sleep(0.2)
    return entries


class AuditJournalTest(unittest.TestCase):
    def setUp(self):
        self.w = world.get()
        self.marker = harness.probe_id()

    def path(self, n):
        return "/system/v1/metrics/v0/node?audit=%s-%d" % (self.marker, n)

    def get(self, nginx, n, headers):
        return harness.request(nginx.base, self.path(n), headers).status

    def test_everyDecisionIsOneAuditLineInTheJournal(self):
        allowed = harness.rs256(self.w.key, harness.claims(uid="alice", groups=[METRICS]))
        forbidden = harness.rs256(self.w.key, harness.claims(uid="bob", groups=["dcos:adminrouter:ops:unrelated"]))
        forged = harness.rs256(self.w.foreign_key, harness.claims(uid="mallory", groups=[METRICS]))
        self.assertEqual(200, self.get(self.w.direct, 1, {"Authorization": "token=" + allowed}))
        self.assertEqual(403, self.get(self.w.direct, 2, {"Authorization": "token=" + forbidden}))
        self.assertEqual(401, self.get(self.w.direct, 3, {"Authorization": "token=" + forged}))
        self.assertEqual(401, self.get(self.w.direct, 4, {}))

        entries = journal_entries(self.w.audit_tag, self.marker, 4)
        self.assertEqual(4, len(entries), [e.get("MESSAGE") for e in entries])
        by_request = {}
        for entry in entries:
            self.assertEqual(self.w.audit_tag, entry["SYSLOG_IDENTIFIER"])
            self.assertEqual("4", entry["SYSLOG_FACILITY"])  # auth
            match = LINE.match(entry["MESSAGE"])
            self.assertIsNotNone(match, entry["MESSAGE"])
            by_request[match["request_uri"].rsplit("-", 1)[1]] = match.groupdict()

        self.assertEqual({"1", "2", "3", "4"}, set(by_request))
        for fields in by_request.values():
            self.assertEqual(METRICS, fields["object"])
            self.assertEqual("127.0.0.1", fields["srcip"])
        self.assertEqual(("allow", "alice", "permission %s granted" % METRICS),
                         (by_request["1"]["result"], by_request["1"]["uid"], by_request["1"]["reason"]))
        self.assertEqual(("deny", "bob", "permission %s required" % METRICS),
                         (by_request["2"]["result"], by_request["2"]["uid"], by_request["2"]["reason"]))
        # The uid of a token that failed verification is not trusted, so not logged.
        self.assertEqual(("deny", "-", "token signature is invalid"),
                         (by_request["3"]["result"], by_request["3"]["uid"], by_request["3"]["reason"]))
        self.assertEqual("deny", by_request["4"]["result"])
        self.assertTrue(by_request["4"]["reason"].startswith("authentication required"))

        for token in (allowed, forbidden, forged):
            for part in token.split("."):
                for entry in entries:
                    self.assertNotIn(part, entry["MESSAGE"])

    def test_cachedDecisionsAreAuditedToo(self):
        token = harness.rs256(self.w.key, harness.claims(uid="carol", groups=[METRICS]))
        for n in range(3):
            self.assertEqual(200, self.get(self.w.cached, n, {"Authorization": "token=" + token}))
        entries = journal_entries(self.w.audit_tag, self.marker, 3)
        self.assertEqual(3, len(entries))
        for entry in entries:
            match = LINE.match(entry["MESSAGE"])
            self.assertEqual(("allow", "carol"), (match["result"], match["uid"]))

    def test_agentRouteDecisionNamesTheAgentPermission(self):
        token = harness.rs256(self.w.key, harness.claims(uid="dave", groups=["dcos:superuser"]))
        path = "/system/v1/agent/%s/logs/v2/component?audit=%s-1" % (world.AGENT_ID, self.marker)
        self.assertEqual(200, harness.request(self.w.direct.base, path, {"Authorization": "token=" + token}).status)
        # The master decides on dcos:adminrouter:system:agent, the agent on the logs permission.
        entries = journal_entries(self.w.audit_tag, self.marker, 2)
        objects = sorted(LINE.match(e["MESSAGE"])["object"] for e in entries)
        self.assertEqual(["dcos:adminrouter:ops:system-logs", "dcos:adminrouter:system:agent"], objects)

    def test_quotesInTheUriCannotForgeFields(self):
        token = harness.rs256(self.w.key, harness.claims(uid="erin", groups=[METRICS]))
        path = '/system/v1/metrics/v0/node?audit=%s-1&x="uid=root' % self.marker
        self.assertEqual(200, harness.request(self.w.direct.base, path, {"Authorization": "token=" + token}).status)
        entries = journal_entries(self.w.audit_tag, self.marker, 1)
        self.assertEqual(1, len(entries))
        match = LINE.match(entries[0]["MESSAGE"])
        self.assertIsNotNone(match, entries[0]["MESSAGE"])
        self.assertEqual("erin", match["uid"])
        self.assertIn("\\x22", match["request_uri"])

if __name__ == "__main__":
    unittest.main()
