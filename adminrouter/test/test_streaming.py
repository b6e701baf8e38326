"""Streaming and limits: SSE unbuffered (the first event reaches the client while the upstream
still holds the stream open), WebSocket upgrade, timeouts long for streams only, upstream
failures as problem+json, size limits."""
import base64
import os
import socket
import time
import unittest

import harness
import world

LOGS = "dcos:adminrouter:ops:system-logs"
DEBUG = "dcos:adminrouter:ops:debug"
AGENT = "dcos:adminrouter:system:agent"


def raw_request(port, lines):
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    return sock


def read_until(sock, marker, seconds):
    """Reads until `marker` appears or `seconds` pass; returns what was read."""
    data = b""
    deadline = time.time() + seconds
    while marker not in data and time.time() < deadline:
        sock.settimeout(max(0.01, deadline - time.time()))
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
    return data


class ServerSentEventsTest(unittest.TestCase):
    def check_first_event_before_stream_ends(self, nginx, path, upstream, groups):
        token = harness.rs256(world.get().key, harness.claims(groups=groups))
        upstream.release_stream.clear()
        sock = raw_request(nginx.port, ["GET %s HTTP/1.1" % path, "Host: localhost", "Accept: text/event-stream",
                                        "Authorization: token=" + token])
        try:
            first = read_until(sock, b"data: first", 3)
            self.assertFalse(upstream.release_stream.is_set())
            self.assertIn(b"200 OK", first.split(b"\r\n")[0])
            self.assertIn(b"text/event-stream", first)
            self.assertIn(b"data: first", first, "the first event did not arrive while the stream was open")
            self.assertNotIn(b"data: second", first)
            upstream.release_stream.set()
            rest = read_until(sock, b"data: second", 5)
            self.assertIn(b"data: second", rest)
        finally:
            upstream.release_stream.set()
            sock.close()

    def test_firstEventArrivesWhileTheStreamIsOpen(self):
        w = world.get()
        self.check_first_event_before_stream_ends(w.direct, "/system/v1/logs/v2/component/sse",
                                                  w.master_upstreams["logs"], [LOGS])

    def test_firstEventArrivesThroughMasterAndAgent(self):
        w = world.get()
        self.check_first_event_before_stream_ends(w.cached, "/system/v1/agent/%s/logs/v2/component/sse" % world.AGENT_ID,
                                                  w.agent_upstreams["logs"], [AGENT, LOGS])


    def test_plainRouteStreamsWhenTheServiceSendsXAccelBufferingNo(self):
        w = world.get()
        self.check_first_event_before_stream_ends(w.direct, "/system/v1/metrics/v0/sse?accel=no",
                                                  w.master_upstreams["metrics"], ["dcos:adminrouter:ops:system-metrics"])

    def test_plainRouteBuffersWithoutXAccelBufferingNo(self):
        # The counterpart of the test above: without the header a plain route holds the event
        # back, so it is the header that makes the difference there.
        w = world.get()
        upstream = w.master_upstreams["metrics"]
        token = harness.rs256(w.key, harness.claims(groups=["dcos:adminrouter:ops:system-metrics"]))
        upstream.release_stream.clear()
        sock = raw_request(w.direct.port, ["GET /system/v1/metrics/v0/sse HTTP/1.1", "Host: localhost",
                                           "Authorization: token=" + token])
        try:
            self.assertNotIn(b"data: first", read_until(sock, b"data: first", 1))
            upstream.release_stream.set()
            self.assertIn(b"data: first", read_until(sock, b"data: second", 5))
        finally:
            upstream.release_stream.set()
            sock.close()


class WebSocketTest(unittest.TestCase):
    def check_upgrade_and_echo(self, nginx, path, groups):
        token = harness.rs256(world.get().key, harness.claims(groups=groups))
        key = base64.b64encode(os.urandom(16)).decode()
        sock = raw_request(nginx.port, ["GET %s HTTP/1.1" % path, "Host: localhost", "Upgrade: websocket",
                                        "Connection: Upgrade", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: " + key,
                                        "Authorization: token=" + token])
        try:
            handshake = read_until(sock, b"\r\n\r\n", 3)
            self.assertTrue(handshake.startswith(b"HTTP/1.1 101"), handshake)
            self.assertIn(b"upgrade: websocket", handshake.lower())
            frame = b"\x81\x85" + b"\x01\x02\x03\x04" + bytes(c ^ m for c, m in zip(b"hello", b"\x01\x02\x03\x04\x01"))
            sock.sendall(frame)
            self.assertEqual(frame, read_until(sock, frame, 3))
        finally:
            sock.close()

    def test_debugUpgradesToWebSocket(self):
        self.check_upgrade_and_echo(world.get().direct, "/system/v1/debug/sessions/ws", [DEBUG])

    def test_agentDebugUpgradesToWebSocketThroughTheAgent(self):
        self.check_upgrade_and_echo(world.get().cached, "/system/v1/agent/%s/debug/sessions/ws" % world.AGENT_ID, [AGENT, DEBUG])

    def test_upgradeWithoutTokenIsRefused(self):
        sock = raw_request(world.get().direct.port, ["GET /system/v1/debug/sessions/ws HTTP/1.1", "Host: localhost",
                                                     "Upgrade: websocket", "Connection: Upgrade",
                                                     "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA=="])
        try:
            self.assertTrue(read_until(sock, b"\r\n", 3).startswith(b"HTTP/1.1 401"))
        finally:
            sock.close()


class FailuresAndLimitsTest(unittest.TestCase):
    """An agent-role Adminrouter whose logs (streaming) and metrics (plain) services answer after
    2 s, with a 1 s plain-route timeout; diagnostics is down; 1 KiB body limit."""

    @classmethod
    def setUpClass(cls):
        w = world.get()
        cls.slow = harness.RecordingUpstream("slow")
        cls.slow.slow_seconds = 2
        try:
            cls.nginx = harness.Nginx("agent-failures", "agent", [
                "--public-key", w.key.public_pem, "--logs", cls.slow.address, "--metrics", cls.slow.address,
                "--diagnostics", "127.0.0.1:%d" % harness.free_port(), "--debug", cls.slow.address,
                "--upstream-timeout", "1", "--max-body", "1k", "--audit-file", "/dev/null"])
        except Exception:
            cls.slow.stop()
            raise
        cls.auth = {"Authorization": "token=" + harness.rs256(w.key, harness.claims(groups=["dcos:superuser"]))}

    @classmethod
    def tearDownClass(cls):
        cls.nginx.stop()
        cls.slow.stop()

    def assertProblem(self, response, status):
        self.assertEqual(status, response.status, response.body)
        self.assertEqual("application/problem+json", response.header("content-type"))
        self.assertEqual(status, response.json()["status"])

    def test_unreachableServiceIs502ProblemJson(self):
        response = harness.request(self.nginx.base, "/system/health/v1/units", self.auth)
        self.assertProblem(response, 502)
        self.assertNotIn(b"nginx", response.body)

    def test_slowServiceOnAPlainRouteIs504ProblemJson(self):
        started = time.time()
        response = harness.request(self.nginx.base, "/system/v1/metrics/v0/slow", self.auth)
        self.assertProblem(response, 504)
        self.assertLess(time.time() - started, 1.9)

    def test_streamingRouteWaitsLongerThanPlainRoutes(self):
        response = harness.request(self.nginx.base, "/system/v1/logs/v2/slow", self.auth)
        self.assertEqual(200, response.status)

    def test_bodyOverTheLimitIs413ProblemJson(self):
        response = harness.request(self.nginx.base, "/system/v1/debug/sessions", self.auth, method="POST", body=b"x" * 2048)
        self.assertProblem(response, 413)

    def test_bodyWithinTheLimitPasses(self):
        probe = harness.probe_id()
        response = harness.request(self.nginx.base, "/system/v1/debug/sessions", dict(self.auth, **{"X-Test-Probe": probe}),
                                   method="POST", body=b"x" * 512)
        self.assertEqual(200, response.status)
        self.assertEqual(b"x" * 512, self.slow.received(probe)[0]["body"])

    def test_oversizedHeaderIs400ProblemJson(self):
        response = harness.request(self.nginx.base, "/system/v1/debug/sessions", dict(self.auth, **{"X-Big": "y" * 20000}))
        self.assertProblem(response, 400)

    def test_unknownPathIs404ProblemJson(self):
        self.assertProblem(harness.request(self.nginx.base, "/nothing/here", self.auth), 404)


if __name__ == "__main__":
    unittest.main()
