#!/usr/bin/env python3
"""Converts the RSA keys of a JWKS document to SPKI (DER, base64), one key per line:

    <kid>\t<base64 DER SubjectPublicKeyInfo>

render.sh calls this at config time because njs 0.7 cannot import JWK keys
(crypto.subtle.importKey('jwk') is unavailable) but imports SPKI. Python 3 standard library only.
Keys that are not RSA, or are marked for another use or algorithm than RS256 signatures, are
skipped; a document with no usable key is an error. `--pem` prints PEM blocks instead.
"""
import base64
import json
import sys

RSA_ENCRYPTION_OID = bytes.fromhex("06092a864886f70d010101")  # 1.2.840.113549.1.1.1


def der_length(n):
    if n < 0x80:
        return bytes([n])
    encoded = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(encoded)]) + encoded


def der(tag, content):
    return bytes([tag]) + der_length(len(content)) + content


def der_integer(value):
    encoded = value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")
    if encoded[0] & 0x80:
        encoded = b"\x00" + encoded
    return der(0x02, encoded)


def b64url_int(text):
    return int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")


def spki_der(n, e):
    rsa_public_key = der(0x30, der_integer(n) + der_integer(e))
    algorithm = der(0x30, RSA_ENCRYPTION_OID + b"\x05\x00")
    return der(0x30, algorithm + der(0x03, b"\x00" + rsa_public_key))


def usable_keys(jwks):
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list):
        raise ValueError('not a JWKS document: no "keys" array')
    for key in keys:
        if not isinstance(key, dict) or key.get("kty") != "RSA":
            continue
        if key.get("use", "sig") != "sig" or key.get("alg", "RS256") != "RS256":
            continue
        if "n" not in key or "e" not in key:
            raise ValueError("RSA key %r lacks n or e" % key.get("kid", ""))
        yield key.get("kid", ""), spki_der(b64url_int(key["n"]), b64url_int(key["e"]))


def main(argv):
    pem = "--pem" in argv
    paths = [a for a in argv if a != "--pem"]
    if len(paths) != 1:
        print("usage: jwks-to-spki.py [--pem] JWKS_FILE", file=sys.stderr)
        return 2
    try:
        with open(paths[0], encoding="utf-8") as f:
            keys = list(usable_keys(json.load(f)))
    except (OSError, ValueError) as e:
        print("jwks-to-spki.py: %s: %s" % (paths[0], e), file=sys.stderr)
        return 1
    if not keys:
        print("jwks-to-spki.py: %s has no RSA signature key for RS256" % paths[0], file=sys.stderr)
        return 1
    for kid, spki in keys:
        body = base64.b64encode(spki).decode()
        if pem:
            lines = [body[i:i + 64] for i in range(0, len(body), 64)]
            print("-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----" % "\n".join(lines))
        else:
            if "\t" in kid or "\n" in kid:
                print("jwks-to-spki.py: kid %r contains a tab or newline" % kid, file=sys.stderr)
                return 1
            print("%s\t%s" % (kid, body))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
