"""render.sh and the JWKS conversion: what they produce and what they refuse."""
import base64
import json
import os
import stat
import subprocess
import tempfile
import unittest

import harness
import world

JWKS_TO_SPKI = os.path.join(harness.ADMINROUTER, "jwks-to-spki.py")


def render(*args):
    out = tempfile.mkdtemp(dir=harness.work_dir())
    result = subprocess.run([harness.RENDER, "--out", out] + list(args), capture_output=True, text=True)
    return result, out


class JwksToSpkiTest(unittest.TestCase):
    def write_jwks(self, document):
        path = os.path.join(tempfile.mkdtemp(dir=harness.work_dir()), "jwks.json")
        with open(path, "w") as f:
            json.dump(document, f)
        return path

    def test_convertedKeyIsByteForByteOpensslsSpki(self):
        key = world.get().key
        out = subprocess.run(["python3", JWKS_TO_SPKI, self.write_jwks({"keys": [key.jwk("k1")]})],
                             capture_output=True, text=True, check=True).stdout
        kid, body = out.strip().split("\t")
        self.assertEqual("k1", kid)
        self.assertEqual(key.spki_der(), base64.b64decode(body))

    def test_pemOutputIsReadByOpenssl(self):
        key = world.get().key
        pem = subprocess.run(["python3", JWKS_TO_SPKI, "--pem", self.write_jwks({"keys": [key.jwk("k1")]})],
                             capture_output=True, check=True).stdout
        der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER"], input=pem, capture_output=True, check=True).stdout
        self.assertEqual(key.spki_der(), der)

    def test_documentWithoutRsaSignatureKeysIsRefused(self):
        path = self.write_jwks({"keys": [{"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"},
                                         dict(world.get().key.jwk("enc"), use="enc")]})
        result = subprocess.run(["python3", JWKS_TO_SPKI, path], capture_output=True, text=True)
        self.assertEqual(1, result.returncode)
        self.assertIn("no RSA signature key", result.stderr)

    def test_notAJwksDocumentIsRefused(self):
        result = subprocess.run(["python3", JWKS_TO_SPKI, self.write_jwks([1, 2])], capture_output=True, text=True)
        self.assertEqual(1, result.returncode)


class RenderTest(unittest.TestCase):
    def setUp(self):
        self.key = world.get().key.public_pem

    def assertRefused(self, message, *args):
        result, _ = render(*args)
        self.assertEqual(2, result.returncode, result.stderr)
        self.assertIn(message, result.stderr)

    def test_refusesWithoutAnyKey(self):
        self.assertRefused("no key", "--role", "master")

    def test_refusesUnknownRole(self):
        self.assertRefused("unknown role", "--role", "gateway", "--public-key", self.key)

    def test_refusesPrivateKeyAsPublicKey(self):
        self.assertRefused("not a PEM SPKI public key", "--role", "agent", "--public-key", world.get().key.private_pem)

    def test_refusesAgentRoutingOnTheAgentRole(self):
        self.assertRefused("agent role has no agent or leader routes", "--role", "agent", "--public-key", self.key,
                           "--mesos-url", "http://127.0.0.1:5050/master/state-summary")

    def test_refusesSoftMaxAgeNotBelowHard(self):
        self.assertRefused("soft-max-age must be below", "--role", "master", "--public-key", self.key,
                           "--directory-soft-max-age", "60", "--directory-hard-max-age", "60")

    def test_refusesShortHs256Secret(self):
        secret = os.path.join(harness.work_dir(), "short.secret")
        with open(secret, "wb") as f:
            f.write(b"short")
        self.assertRefused("shorter than 32 bytes", "--role", "agent", "--public-key", self.key, "--hs256-secret", secret)

    def test_refusesUpstreamThatIsNotHostPort(self):
        self.assertRefused("must be host:port", "--role", "agent", "--public-key", self.key, "--logs", "http://x/")

    def test_rendersBothRolesInBothCacheModesAndNginxAcceptsThem(self):
        for role in ("master", "agent"):
            for ttl in ("0", "60"):
                with self.subTest(role=role, ttl=ttl):
                    result, out = render("--role", role, "--public-key", self.key, "--token-cache-ttl", ttl,
                                         "--listen", "127.0.0.1:%d" % harness.free_port())
                    self.assertEqual(0, result.returncode, result.stderr)
                    config = os.path.join(out, "njs", "config.js")
                    self.assertEqual(0o600, stat.S_IMODE(os.stat(config).st_mode))
                    with open(os.path.join(out, "nginx.conf")) as f:
                        self.assertEqual(role == "master", "location ~ ^/system/v1/agent/" in f.read())

    def test_rendersTheSyslogTargetAndTag(self):
        result, out = render("--role", "agent", "--public-key", self.key, "--audit-syslog", "/run/x.sock",
                             "--audit-tag", "ar_tag", "--token-cache-ttl", "0", "--no-check")
        self.assertEqual(0, result.returncode, result.stderr)
        with open(os.path.join(out, "common", "authorize.conf")) as f:
            self.assertIn("access_log syslog:server=unix:/run/x.sock,facility=auth,severity=info,tag=ar_tag,nohostname day2ops_audit;",
                          f.read())


if __name__ == "__main__":
    unittest.main()
