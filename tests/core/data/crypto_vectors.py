#!/usr/bin/env python3
"""IP Messenger crypto vectors made by Python's `cryptography`, not by LanPigeon's code.

Written from ipmsg-extensions.md section 1 alone, as a Windows client would seal and open:
  make DIR   writes DIR/windows.pem, DIR/lanpigeon.pem and DIR/vectors.json: bodies sealed for
             the lanpigeon key and signed by the windows key in every variant, an ANSPUBKEY body,
             sealed file requests and AES-256-CTR streams.
  check DIR  reads DIR/ours.json (bodies LanPigeon sealed for the windows key, its ANSPUBKEY and
             its CTR output), opens and verifies each; exits 1 if any is wrong.
"""
import base64
import json
import os
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives import padding as sympadding
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

RSA_2048 = 0x00000004
AES_256 = 0x00100000
PACKETNO_IV = 0x00800000
BASE64 = 0x01000000
NOENC_FILEBODY = 0x04000000
SIGN_SHA1 = 0x20000000
SIGN_SHA256 = 0x40000000


def iv_for(capa, packet_no):
    if not capa & PACKETNO_IV:
        return bytes(16)
    # sprintf("%u") into a zeroed 16-byte buffer; the receiver reads at most 15 characters.
    digits = str(packet_no).encode()[:15]
    return digits + bytes(16 - len(digits))


def enc(capa, raw):
    return base64.b64encode(raw) if capa & BASE64 else raw.hex().encode()


def dec(capa, text):
    return base64.b64decode(text, validate=True) if capa & BASE64 else bytes.fromhex(text.decode())


def sign_hash(capa):
    if capa & SIGN_SHA256:
        return hashes.SHA256()
    if capa & SIGN_SHA1:
        return hashes.SHA1()
    return None


def seal(plaintext, capa, peer_public, our_private, packet_no):
    key = os.urandom(32)
    wrapped = peer_public.encrypt(key, padding.PKCS1v15())
    padder = sympadding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv_for(capa, packet_no))).encryptor()
    cipher = encryptor.update(padded) + encryptor.finalize()
    body = b"%X:" % capa + enc(capa, wrapped) + b":" + enc(capa, cipher)
    h = sign_hash(capa)
    if h is not None:
        body += b":" + enc(capa, our_private.sign(plaintext, padding.PKCS1v15(), h))
    return body


def open_body(body, our_private, sender_public, packet_no):
    """Returns (plaintext, signature ok or None when unsigned)."""
    fields = body.split(b":")
    capa = int(fields[0], 16)
    signed = sign_hash(capa) is not None
    if len(fields) != (4 if signed else 3):
        raise ValueError("field count")
    if not (capa & RSA_2048 and capa & AES_256):
        raise ValueError("capa")
    key = our_private.decrypt(dec(capa, fields[1]), padding.PKCS1v15())
    if len(key) != 32:
        raise ValueError("session key length")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv_for(capa, packet_no))).decryptor()
    padded = decryptor.update(dec(capa, fields[2])) + decryptor.finalize()
    unpadder = sympadding.PKCS7(128).unpadder()
    plaintext = unpadder.update(padded) + unpadder.finalize()
    if not signed:
        return plaintext, None
    try:
        sender_public.verify(dec(capa, fields[3]), plaintext, padding.PKCS1v15(), sign_hash(capa))
        return plaintext, True
    except Exception:
        return plaintext, False


def ctr(key, packet_no, skip, data):
    """AES-256-CTR from the request's counter, positioned skip bytes into the keystream."""
    counter = iv_for(PACKETNO_IV, packet_no)
    encryptor = Cipher(algorithms.AES(key), modes.CTR(counter)).encryptor()
    return (encryptor.update(bytes(skip) + data) + encryptor.finalize())[skip:]


def pattern(n):
    return bytes((i * 7 + 3) & 0xFF for i in range(n))


def plaintexts():
    body = "Hello from Windows \u4f60\u597d\nsecond line".encode()
    files = b"0:report.pdf:1f4:5f5e1000:1:\a1:photos:0:5f5e1001:2:\a"
    to = b"TO:alice:pc1\abob:pc2"
    return {
        "plain": body + b"\0",
        "files": body + b"\0" + files + b"\0",
        "to": body + b"\0\0" + to + b"\0",
        "files+to": body + b"\0" + files + b"\0" + to + b"\0",
        "empty": b"\0",
    }


CAPAS = {
    "sha256": RSA_2048 | AES_256 | SIGN_SHA256,
    "sha1": RSA_2048 | AES_256 | SIGN_SHA1,
    "unsigned": RSA_2048 | AES_256,
}

CTR_CASES = [
    # (packet number, skip, length): block-aligned, mid-block, and across a carry out of the
    # counter's last byte (256 blocks) and into a third byte.
    (1700000000, 0, 1000),
    (1700000000, 5, 100),
    (4294967295, 4090, 10000),
    (123, 16 * 65535 + 9, 64),
    (999999999999999999, 77, 300),
]


def make(out):
    windows = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    lanpigeon = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with open(os.path.join(out, "windows.pem"), "wb") as f:
        f.write(windows.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.TraditionalOpenSSL,
                                      serialization.NoEncryption()))
    with open(os.path.join(out, "lanpigeon.pem"), "wb") as f:
        f.write(lanpigeon.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
    nums = windows.public_key().public_numbers()
    vectors = {"ansPubKey": "%X:%X-%s" % (0x65920006, nums.e, nums.n.to_bytes(256, "big").hex()),
               "windowsPublicDer": windows.public_key().public_bytes(
                   serialization.Encoding.DER,
                   serialization.PublicFormat.SubjectPublicKeyInfo).hex(),
               "bodies": [], "fileRequests": [], "ctr": []}
    packet_no = 1000
    for pname, plain in plaintexts().items():
        for sname, capa in CAPAS.items():
            for iv in (0, PACKETNO_IV):
                for b64 in (0, BASE64):
                    c = capa | iv | b64
                    packet_no += 7919
                    body = seal(plain, c, lanpigeon.public_key(), windows, packet_no)
                    vectors["bodies"].append({
                        "name": "%s %s %s %s" % (pname, sname, "pktiv" if iv else "zeroiv",
                                                 "base64" if b64 else "hex"),
                        "capa": c, "packetNo": packet_no, "plaintext": plain.hex(),
                        "body": body.decode()})
    stream_key = os.urandom(32)
    for name, text, with_offset in (
            ("getdirfiles", b"%x:%x:%x:%s:%x\0" % (0x65000001, 3, AES_256 | PACKETNO_IV,
                                                   stream_key.hex().encode(), 0x65000010), False),
            ("getfiledata offset", b"%x:%x:%x:%x:%s:%x\0" % (0x65000001, 0, 0x1f4000,
                                                             AES_256 | PACKETNO_IV,
                                                             stream_key.hex().encode(),
                                                             0x65000011), True),
            ("noenc body", b"%x:%x:%x:%x\0" % (0x65000001, 4, NOENC_FILEBODY, 0x65000012), False)):
        request_no = int(text.rstrip(b"\0").split(b":")[-1], 16)
        capa = RSA_2048 | AES_256 | SIGN_SHA256 | PACKETNO_IV | BASE64
        vectors["fileRequests"].append({
            "name": name, "withOffset": with_offset, "packetNo": request_no,
            "plaintext": text.hex(), "streamKey": "" if b"4000000" in text else stream_key.hex(),
            "body": seal(text, capa, lanpigeon.public_key(), windows, request_no).decode()})
    for packet_no, skip, length in CTR_CASES:
        data = pattern(length)
        vectors["ctr"].append({"key": stream_key.hex(), "packetNo": packet_no, "skip": skip,
                               "plain": data.hex(),
                               "cipher": ctr(stream_key, packet_no, skip, data).hex()})
    with open(os.path.join(out, "vectors.json"), "w") as f:
        json.dump(vectors, f, indent=1)


def check(out):
    with open(os.path.join(out, "windows.pem"), "rb") as f:
        windows = serialization.load_pem_private_key(f.read(), password=None)
    with open(os.path.join(out, "lanpigeon.pem"), "rb") as f:
        lanpigeon = serialization.load_pem_private_key(f.read(), password=None)
    with open(os.path.join(out, "ours.json")) as f:
        ours = json.load(f)
    failures = 0
    checked = 0

    def report(ok, what):
        nonlocal failures, checked
        checked += 1
        if not ok:
            failures += 1
            print("FAIL", what)

    # The ANSPUBKEY body, parsed as Windows does: capa to ':', e to '-', n to the end.
    ans = ours["ansPubKey"].encode()
    capa, rest = ans.split(b":", 1)
    e, n = rest.split(b"-", 1)
    nums = lanpigeon.public_key().public_numbers()
    report(int(e, 16) == nums.e and int(n, 16) == nums.n and len(n) == 512
           and n == n.lower() and e == e.upper() and int(capa, 16) == 0x61900004,
           "ansPubKey " + ours["ansPubKey"][:40])
    for v in ours["bodies"]:
        try:
            plain, sig = open_body(v["body"].encode(), windows, lanpigeon.public_key(),
                                   v["packetNo"])
            want_sig = None if sign_hash(v["capa"]) is None else True
            head = v["body"].split(":")[0]
            report(plain == bytes.fromhex(v["plaintext"]) and sig == want_sig
                   and head == "%X" % v["capa"], v["name"])
        except Exception as exc:  # noqa: BLE001 - every failure is a finding
            report(False, "%s: %r" % (v["name"], exc))
    for v in ours["ctr"]:
        want = ctr(bytes.fromhex(v["key"]), v["packetNo"], v["skip"], bytes.fromhex(v["plain"]))
        report(want.hex() == v["cipher"], "ctr %d+%d" % (v["packetNo"], v["skip"]))
    print("checked", checked, "failed", failures)
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("make", "check"):
        print(__doc__)
        sys.exit(2)
    if sys.argv[1] == "make":
        make(sys.argv[2])
        sys.exit(0)
    sys.exit(check(sys.argv[2]))
