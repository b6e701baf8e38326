"""Test harness of the Adminrouter suite: keys and tokens (openssl CLI), recording upstreams,
a Mesos state-summary stub, and nginx instances rendered with render.sh and started on free
loopback ports. Python 3 standard library only; everything started here is stopped by PID.
"""
import base64
import hashlib
import hmac
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
ADMINROUTER = os.path.dirname(HERE)
RENDER = os.path.join(ADMINROUTER, "render.sh")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ISSUER = "https://day2ops.test/acs"

_work = None


def work_dir():
    """One temporary directory per test run (kept when DAY2OPS_AR_KEEP is set)."""
    global _work
    if _work is None:
        _work = tempfile.mkdtemp(prefix="adminrouter-test.")
        os.chmod(_work, 0o755)  # nginx workers (nobody when run as root) read below it
    return _work


def cleanup_work_dir():
    global _work
    if _work and not os.environ.get("DAY2OPS_AR_KEEP"):
        shutil.rmtree(_work, ignore_errors=True)
    _work = None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# Keys and tokens

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class KeyPair:
    """An RSA key pair made with the openssl CLI; signs RS256 with `openssl dgst`."""

    def __init__(self, name):
        base = os.path.join(work_dir(), name)
        self.private_pem = base + ".key.pem"
        self.public_pem = base + ".pub.pem"
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                        "-out", self.private_pem], check=True, capture_output=True)
        subprocess.run(["openssl", "pkey", "-in", self.private_pem, "-pubout", "-out", self.public_pem],
                       check=True, capture_output=True)
        os.chmod(self.public_pem, 0o644)
        with open(self.public_pem, "rb") as f:
            self.public_pem_bytes = f.read()

    def sign(self, data):
        return subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.private_pem], input=data,
                              check=True, capture_output=True).stdout

    def spki_der(self):
        return subprocess.run(["openssl", "pkey", "-pubin", "-in", self.public_pem, "-outform", "DER"],
                              check=True, capture_output=True).stdout

    def jwk(self, kid):
        modulus = subprocess.run(["openssl", "rsa", "-pubin", "-in", self.public_pem, "-noout", "-modulus"],
                                 check=True, capture_output=True, text=True).stdout.strip().split("=", 1)[1]
        n = bytes.fromhex(modulus)
        return {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": b64url(n), "e": b64url((65537).to_bytes(3, "big"))}


def claims(uid="alice", groups=(), ttl=300, **extra):
    now = int(time.time())
    # A fresh jti per token: RS256 signatures are deterministic, and two equal tokens would share
    # a verified-token cache entry across tests.
    body = {"iss": ISSUER, "exp": now + ttl, "iat": now, "jti": uuid.uuid4().hex}
    if uid is not None:
        body["uid"] = uid
    if groups:
        body["groups"] = list(groups)
    body.update(extra)
    return {k: v for k, v in body.items() if v is not None}


def jwt(header, payload, sign):
    signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(payload).encode())).encode()
    return signing_input.decode() + "." + b64url(sign(signing_input))


def rs256(key, payload, kid=None):
    header = {"alg": "RS256", "typ": "JWT"}
    if kid is not None:
        header["kid"] = kid
    return jwt(header, payload, key.sign)


def hs256(secret, payload):
    return jwt({"alg": "HS256", "typ": "JWT"}, payload, lambda m: hmac.new(secret, m, hashlib.sha256).digest())


def alg_none(payload):
    return jwt({"alg": "none", "typ": "JWT"}, payload, lambda m: b"")


# ---------------------------------------------------------------------------------------------
# Upstreams

class QuietServer(ThreadingHTTPServer):
    """Clients (nginx) that hang up on a slow answer are expected here, not worth a traceback."""
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class RecordingUpstream:
    """An HTTP/1.1 server that records every request (method, path, headers) by the X-Test-Probe
    header and answers with JSON naming itself. Special paths: …/sse streams two events with a
    pause the test controls (with X-Accel-Buffering: no when the query has accel=no), …/slow answers after `slow_seconds`, …/ws accepts a WebSocket
    upgrade and echoes bytes."""

    def __init__(self, name):
        self.name = name
        self.requests = {}
        self.lock = threading.Lock()
        self.release_stream = threading.Event()
        self.slow_seconds = 3
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                record = {"method": self.command, "path": self.path, "body": body,
                          "headers": {k.lower(): v for k, v in self.headers.items()}}
                probe = self.headers.get("X-Test-Probe")
                with upstream.lock:
                    upstream.requests.setdefault(probe, []).append(record)
                route = self.path.split("?")[0]
                if route.endswith("/sse"):
                    return self.stream_events()
                if route.endswith("/ws") and self.headers.get("Upgrade", "").lower() == "websocket":
                    return self.websocket_echo()
                if route.endswith("/slow"):
                    time.sleep(upstream.slow_seconds)
                payload = json.dumps({"service": upstream.name, "path": self.path}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def stream_events(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                if "accel=no" in self.path:
                    self.send_header("X-Accel-Buffering", "no")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(b"id: 1\ndata: first\n\n")
                self.wfile.flush()
                upstream.release_stream.wait(10)
                self.wfile.write(b"id: 2\ndata: second\n\n")
                self.wfile.flush()
                self.close_connection = True

            def websocket_echo(self):
                accept = base64.b64encode(hashlib.sha1(
                    (self.headers["Sec-WebSocket-Key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
                self.send_response(101)
                self.send_header("Upgrade", "websocket")
                self.send_header("Connection", "Upgrade")
                self.send_header("Sec-WebSocket-Accept", accept)
                self.end_headers()
                self.wfile.flush()
                self.connection.settimeout(5)
                try:
                    while True:
                        data = self.connection.recv(4096)
                        if not data:
                            break
                        self.connection.sendall(data)
                except OSError:
                    pass
                self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.address = "127.0.0.1:%d" % self.port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def received(self, probe):
        with self.lock:
            return list(self.requests.get(probe, []))

    def stop(self):
        self.release_stream.set()
        self.server.shutdown()
        self.server.server_close()


class MesosStub:
    """Serves /master/state-summary from the recorded fixture; `mode` switches between answering
    ("ok"), failing with 503 ("error"); counts the fetches."""

    def __init__(self, fixture=os.path.join(HERE, "fixtures", "state-summary.json")):
        with open(fixture, "rb") as f:
            self.summary = f.read()
        self.mode = "ok"
        self.fetches = 0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                stub.fetches += 1
                if self.path != "/master/state-summary" or stub.mode != "ok":
                    body, status = b'{"message":"unavailable"}', 503
                else:
                    body, status = stub.summary, 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d/master/state-summary" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------------------------------------
# nginx

class Nginx:
    """An Adminrouter rendered by render.sh into its own directory and run in the foreground
    (`daemon off`), so that the PID we hold is nginx's master; stop() ends that PID only."""

    def __init__(self, name, role, args, workers="2"):
        self.dir = os.path.join(work_dir(), name)
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        render = [RENDER, "--role", role, "--out", self.dir, "--listen", "127.0.0.1:%d" % self.port,
                  "--workers", workers] + list(args)
        result = subprocess.run(render, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError("render.sh failed: %s%s" % (result.stdout, result.stderr))
        self.process = subprocess.Popen([NGINX, "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf"),
                                         "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 10
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("nginx exited: %s" % self.process.stderr.read().decode())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("nginx did not listen on %d" % self.port)

    def file(self, *parts):
        return os.path.join(self.dir, *parts)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        return json.loads(self.body)


def request(base, path, headers=None, method="GET", body=None, timeout=10):
    """One request on a fresh connection; returns status, lower-cased headers and body."""
    host, port = base.split("//", 1)[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def probe_id():
    return uuid.uuid4().hex
