"""Token handling beyond the matrix: the verified-token cache (hits, keys, bounded by exp),
HS256 when configured (and RS/HS confusion then), JWKS keys with kid, size limit, leeway."""
import base64
import json
import os
import time
import unittest

import harness
import world

METRICS = "dcos:adminrouter:ops:system-metrics"
LOGS = "dcos:adminrouter:ops:system-logs"


def verifications(nginx):
    """How many requests reached the verifier behind the cache (its access log)."""
    try:
        with open(nginx.file("logs", "verify.log")) as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def wait_for_log(nginx, expected, seconds=2.0):
    # nginx writes the access log line when the verifier's request ends, just after the answer.
    deadline = time.time() + seconds
    while verifications(nginx) < expected and time.time() < deadline:
        time.sleep(0.02)
    return verifications(nginx)


class TokenCacheTest(unittest.TestCase):
    def setUp(self):
        self.w = world.get()
        self.nginx = self.w.cached

    def get(self, path, token):
        return harness.request(self.nginx.base, path, {"Authorization": "token=" + token})

    def test_secondRequestWithTheSameTokenIsNotVerifiedAgain(self):
        token = harness.rs256(self.w.key, harness.claims(groups=[METRICS]))
        before = verifications(self.nginx)
        self.assertEqual(200, self.get("/system/v1/metrics/v0/node", token).status)
        self.assertEqual(before + 1, wait_for_log(self.nginx, before + 1))
        for _ in range(3):
            self.assertEqual(200, self.get("/system/v1/metrics/v0/node", token).status)
        time.sleep(0.2)
        self.assertEqual(before + 1, verifications(self.nginx))

    def test_decisionIsCachedPerPermission(self):
        token = harness.rs256(self.w.key, harness.claims(groups=[METRICS]))
        self.assertEqual(200, self.get("/system/v1/metrics/v0/node", token).status)
        # The same token on a route needing another permission: verified (and refused) anew.
        self.assertEqual(403, self.get("/system/v1/logs/v2/component", token).status)
        self.assertEqual(403, self.get("/system/v1/logs/v2/component", token).status)
        self.assertEqual(200, self.get("/system/v1/metrics/v0/node", token).status)

    def test_refusedTokensAreNeverCached(self):
        token = harness.rs256(self.w.foreign_key, harness.claims(groups=[METRICS]))
        before = verifications(self.nginx)
        for _ in range(3):
            self.assertEqual(401, self.get("/system/v1/metrics/v0/node", token).status)
        self.assertEqual(before + 3, wait_for_log(self.nginx, before + 3))

    def test_cookieAndHeaderWithTheSameTokenAreDistinctEntries(self):
        token = harness.rs256(self.w.key, harness.claims(groups=[METRICS]))
        self.assertEqual(200, self.get("/system/v1/metrics/v0/node", token).status)
        before = verifications(self.nginx)
        response = harness.request(self.nginx.base, "/system/v1/metrics/v0/node", {"Cookie": "dcos-acs-auth-cookie=" + token})
        self.assertEqual(200, response.status)
        self.assertEqual(before + 1, wait_for_log(self.nginx, before + 1))

    def test_cachedDecisionEndsWithTheTokensExp(self):
        # This master runs with leeway 0: a token living 2 s is refused right after, cache or not.
        token = harness.rs256(self.w.key, harness.claims(groups=[METRICS], ttl=2))
        self.assertEqual(200, self.get("/system/v1/metrics/v0/node", token).status)
        self.assertEqual(200, self.get("/system/v1/metrics/v0/node", token).status)
        exp = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))["exp"]
        time.sleep(max(0.0, exp - time.time()) + 1.1)
        response = self.get("/system/v1/metrics/v0/node", token)
        self.assertEqual(401, response.status)
        self.assertEqual("token expired", response.json()["detail"])

    def test_permissionHeaderFromTheClientIsIgnored(self):
        token = harness.rs256(self.w.key, harness.claims(groups=["dcos:adminrouter:ops:unrelated"]))
        for spoofed in ("", "dcos:adminrouter:ops:unrelated"):
            with self.subTest(spoofed=spoofed):
                response = harness.request(self.nginx.base, "/system/v1/metrics/v0/node",
                                           {"Authorization": "token=" + token, "X-Day2ops-Permission": spoofed})
                self.assertEqual(403, response.status)

    def test_cacheFilesHoldNoTokenMaterial(self):
        token = harness.rs256(self.w.key, harness.claims(groups=[METRICS], uid="cache-probe"))
        self.assertEqual(200, self.get("/system/v1/metrics/v0/node", token).status)
        signature = token.split(".")[2].encode()
        found_uid = False
        for root, _, files in os.walk(self.nginx.file("cache")):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    content = f.read()
                self.assertNotIn(signature, content)
                self.assertNotIn(token.split(".")[1].encode(), content)
                found_uid = found_uid or b"cache-probe" in content
        self.assertTrue(found_uid, "no cache entry written")


class DirectVerificationTest(unittest.TestCase):
    """Details of verification, on the master without cache (default leeway 30 s)."""

    def setUp(self):
        self.w = world.get()

    def get(self, headers):
        return harness.request(self.w.direct.base, "/system/v1/metrics/v0/node", headers)

    def test_expiredWithinLeewayIsAccepted(self):
        token = harness.rs256(self.w.key, harness.claims(groups=[METRICS], exp=int(time.time()) - 10))
        self.assertEqual(200, self.get({"Authorization": "token=" + token}).status)

    def test_tokenLargerThanTheLimitIsRefused(self):
        token = harness.rs256(self.w.key, harness.claims(groups=[METRICS], padding="x" * 9000))
        response = self.get({"Authorization": "token=" + token})
        self.assertEqual(401, response.status)
        self.assertIn("too large", response.json()["detail"])

    def test_missingExpIsRefused(self):
        token = harness.rs256(self.w.key, harness.claims(groups=[METRICS], exp=None))
        response = self.get({"Authorization": "token=" + token})
        self.assertEqual(401, response.status)
        self.assertEqual("token has no exp claim", response.json()["detail"])

    def test_unsupportedSchemeIsRefusedEvenWithACookie(self):
        token = harness.rs256(self.w.key, harness.claims(groups=[METRICS]))
        response = self.get({"Authorization": "Basic YTpi", "Cookie": "dcos-acs-auth-cookie=" + token})
        self.assertEqual(401, response.status)
        self.assertIn("unsupported Authorization scheme", response.json()["detail"])

    def test_reasonsNameTheFault(self):
        w = self.w
        cases = {
            "token signature is invalid": harness.rs256(w.foreign_key, harness.claims(groups=[METRICS])),
            'token algorithm none is not accepted': harness.alg_none(harness.claims(groups=[METRICS])),
            'token algorithm HS256 is not accepted': harness.hs256(w.key.public_pem_bytes, harness.claims(groups=[METRICS])),
            "token not valid yet (nbf)": harness.rs256(w.key, harness.claims(groups=[METRICS], nbf=int(time.time()) + 300)),
            "token issuer is not accepted": harness.rs256(w.key, harness.claims(groups=[METRICS], iss="x")),
            "token has no uid claim": harness.rs256(w.key, harness.claims(uid=None, groups=[METRICS])),
        }
        for reason, token in cases.items():
            with self.subTest(reason=reason):
                response = self.get({"Authorization": "token=" + token})
                self.assertEqual(401, response.status)
                self.assertEqual(reason, response.json()["detail"])

    def test_nonCanonicalSignatureSpellingIsRefused(self):
        # 256 signature bytes take 342 base64url characters; the last one carries 2 bits, so
        # "A" and its three neighbours up to "D" spell the same bytes when those bits are 0.
        while True:
            token = harness.rs256(self.w.key, harness.claims(groups=[METRICS]))
            if token[-1] in "ABCDEFGHIJKLMNOP":
                break
        twin = token[:-1] + ("B" if token[-1] != "B" else "C")
        self.assertEqual(base64.urlsafe_b64decode(token.split(".")[2] + "=="),
                         base64.urlsafe_b64decode(twin.split(".")[2] + "=="))
        self.assertEqual(200, self.get({"Authorization": "token=" + token}).status)
        response = self.get({"Authorization": "token=" + twin})
        self.assertEqual(401, response.status)
        self.assertIn("malformed token", response.json()["detail"])

    def test_forbiddenNamesThePermission(self):
        token = harness.rs256(self.w.key, harness.claims(groups=[LOGS]))
        response = self.get({"Authorization": "token=" + token})
        self.assertEqual(403, response.status)
        self.assertEqual("permission %s required" % METRICS, response.json()["detail"])


class Hs256ConfiguredTest(unittest.TestCase):
    """An agent-role Adminrouter with both the RS256 key and an HS256 secret."""

    @classmethod
    def setUpClass(cls):
        w = world.get()
        cls.secret = os.urandom(48)
        secret_file = os.path.join(harness.work_dir(), "hs256.secret")
        with open(secret_file, "wb") as f:
            f.write(cls.secret)
        os.chmod(secret_file, 0o644)
        cls.upstream = harness.RecordingUpstream("hs-metrics")
        try:
            cls.nginx = harness.Nginx("agent-hs256", "agent", [
                "--public-key", w.key.public_pem, "--hs256-secret", secret_file, "--metrics", cls.upstream.address,
                "--audit-file", "/dev/null"])
        except Exception:
            cls.upstream.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.nginx.stop()
        cls.upstream.stop()

    def status(self, token):
        return harness.request(self.nginx.base, "/system/v1/metrics/v0/node", {"Authorization": "token=" + token}).status

    def test_hs256WithTheSecretIsAccepted(self):
        self.assertEqual(200, self.status(harness.hs256(self.secret, harness.claims(groups=[METRICS]))))

    def test_rs256IsStillAccepted(self):
        self.assertEqual(200, self.status(harness.rs256(world.get().key, harness.claims(groups=[METRICS]))))

    def test_hs256SignedWithThePublicKeyIsRefused(self):
        token = harness.hs256(world.get().key.public_pem_bytes, harness.claims(groups=[METRICS]))
        self.assertEqual(401, self.status(token))

    def test_hs256WithAnotherSecretIsRefused(self):
        self.assertEqual(401, self.status(harness.hs256(b"another secret of enough length!!", harness.claims(groups=[METRICS]))))


class JwksTest(unittest.TestCase):
    """Keys given as JWKS (converted to SPKI by render.sh): selection by kid, rotation."""

    @classmethod
    def setUpClass(cls):
        w = world.get()
        cls.second = harness.KeyPair("jwks-second")
        jwks_file = os.path.join(harness.work_dir(), "jwks.json")
        with open(jwks_file, "w") as f:
            json.dump({"keys": [w.key.jwk("k1"), cls.second.jwk("k2"),
                                {"kty": "EC", "kid": "ec", "crv": "P-256", "x": "AA", "y": "AA"}]}, f)
        os.chmod(jwks_file, 0o644)
        cls.upstream = harness.RecordingUpstream("jwks-metrics")
        try:
            cls.nginx = harness.Nginx("agent-jwks", "agent", [
                "--jwks", jwks_file, "--metrics", cls.upstream.address, "--audit-file", "/dev/null"])
        except Exception:
            cls.upstream.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.nginx.stop()
        cls.upstream.stop()

    def status(self, token):
        return harness.request(self.nginx.base, "/system/v1/metrics/v0/node", {"Authorization": "token=" + token}).status

    def test_tokenWithMatchingKidIsAccepted(self):
        self.assertEqual(200, self.status(harness.rs256(world.get().key, harness.claims(groups=[METRICS]), kid="k1")))
        self.assertEqual(200, self.status(harness.rs256(self.second, harness.claims(groups=[METRICS]), kid="k2")))

    def test_tokenWithoutKidIsTriedAgainstEveryKey(self):
        self.assertEqual(200, self.status(harness.rs256(self.second, harness.claims(groups=[METRICS]))))

    def test_kidOfAnotherKeyIsRefused(self):
        self.assertEqual(401, self.status(harness.rs256(world.get().key, harness.claims(groups=[METRICS]), kid="k2")))

    def test_unknownKidIsRefused(self):
        self.assertEqual(401, self.status(harness.rs256(world.get().key, harness.claims(groups=[METRICS]), kid="k9")))


if __name__ == "__main__":
    unittest.main()
