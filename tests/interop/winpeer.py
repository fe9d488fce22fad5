#!/usr/bin/env python3
"""A scripted IP Messenger for Windows 4.99-style peer, for interop tests of the encryption.

Written from docs/ipmsg-extensions.md §0-§1 and ipmsg-protocol.md with Python's `cryptography`
and the standard library only, never from LanPigeon's code: it is the independent check.

It binds --bind:--port, answers the protocol in a background thread (ANSENTRY, ANSPUBKEY and the
GETPUBKEY|AUTORETOPT ask-back of §1.2, RECVMSG, READMSG for sealed messages, ANSREADMSG) and
prints one JSON object per event on stdout. The foreground runs a script, one command a line
(from --script FILE, '-' for stdin, or -c 'cmd; cmd'); '#' starts a comment:

  entry ADDR                 BR_ENTRY to ADDR (ADDR is IP or IP:PORT; the port defaults to --port)
  exit ADDR                  BR_EXIT
  getkey ADDR [timeout=S]    GETPUBKEY, wait for the ANSPUBKEY
  send ADDR TEXT [opt ...]   SENDMSG; options (defaults first):
        enc=base64|hex  sign=sha256|sha1|none  iv=packet|zero  ext=off|on  to=USER:HOST,...
        files=NAME:SIZE,...  sealed  readcheck  nocheck  plain  signkey=current|other
        tamper=none|block|padding|sig  truncate=N (keep N characters of the sealed body)
  fetch ADDR NAME out=PATH [how=data|dir] [sign=sha256|none] [replay]
                             download NAME from ADDR's latest offer the §1.7 way: a sealed, signed
                             GETFILEDATA (or GETDIRFILES, as Windows asks even for a plain file)
                             |ENCRYPTOPT|ENCFILEOPT, the reply read as AES-256-CTR; replay sends the
                             previous request's bytes again. Prints a "fetched" event.
  rekey                      switch to the second key (announce again so peers re-ask)
  expect EVENT [field=value ...] [timeout=S]   wait for an event not yet matched; exit 1 if none
                             (values may hold * and ? wildcards; a list field matches an element)
  sleep S
  quit

Events: ready, entry, ansentry, absence, exit, getpubkey, key, message, recvmsg, readmsg,
ansreadmsg, sent, fetched, rekey, expected, fail (and other, garbage, error for what it cannot place).  A message event has text, encrypted, capa, encoding, iv, signature
("good-sha256", "good-sha1", "bad", "none" or "nokey"), to (the ENCEXT TO list), files, sealed.
"""

import argparse
import base64
import fnmatch
import hashlib
import json
import os
import shlex
import socket
import sys
import threading
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, padding as sympadding, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# ipmsg-protocol.md: commands (low byte) and option bits.
BR_ENTRY, BR_EXIT, ANSENTRY, BR_ABSENCE = 0x01, 0x02, 0x03, 0x04
SENDMSG, RECVMSG, READMSG, DELMSG, ANSREADMSG = 0x20, 0x21, 0x30, 0x31, 0x32
GETPUBKEY, ANSPUBKEY = 0x72, 0x73
GETFILEDATA, GETDIRFILES = 0x60, 0x62
ENCFILEOPT = 0x800
SENDCHECKOPT, SECRETOPT, BROADCASTOPT, MULTICASTOPT = 0x100, 0x200, 0x400, 0x800
AUTORETOPT, READCHECKOPT = 0x2000, 0x100000
FILEATTACHOPT, ENCRYPTOPT, UTF8OPT, CAPUTF8OPT = 0x00200000, 0x00400000, 0x00800000, 0x01000000
CAPIPDICTOPT, ENCEXTMSGOPT, CLIPBOARDOPT = 0x02000000, 0x04000000, 0x08000000
CAPFILEENCOPT = 0x00040000

# ipmsg-extensions.md §1.1: capability bits, written as hex text in payloads.
RSA_1024, RSA_2048 = 0x00000002, 0x00000004
BLOWFISH_128, AES_256 = 0x00020000, 0x00100000
PACKETNO_IV, ENCODE_BASE64, NOENC_FILEBODY = 0x00800000, 0x01000000, 0x04000000
SIGN_SHA1, SIGN_SHA256 = 0x20000000, 0x40000000

# §1.1: what Win 4.99 advertises for its 2048-bit key, and its typical entry host status
# without CAPIPDICTOPT (we must not opt into the IPDict format).
OUR_CAPA = RSA_2048 | AES_256 | SIGN_SHA1 | SIGN_SHA256 | PACKETNO_IV | NOENC_FILEBODY | ENCODE_BASE64
assert OUR_CAPA == 0x65900004
HOST_STATUS = FILEATTACHOPT | CLIPBOARDOPT | ENCRYPTOPT | ENCEXTMSGOPT | CAPUTF8OPT | CAPFILEENCOPT
assert HOST_STATUS == 0x0D640000
VERSION_STAMP = "00010002:4:99:103"  # §0: VS Win64, 4.99 release 3


def fingerprint(public_key):
    """SHA-256 of the DER SubjectPublicKeyInfo, upper-case hex in groups of four (LanPigeon's)."""
    der = public_key.public_bytes(serialization.Encoding.DER,
                                  serialization.PublicFormat.SubjectPublicKeyInfo)
    h = hashlib.sha256(der).hexdigest().upper()
    return " ".join(h[i:i + 4] for i in range(0, len(h), 4))


def windows_name(user, public_key):
    """§1.5: the user name a Windows client with an RSA-2048 key takes, user-<16 hex>."""
    n = public_key.public_numbers().n
    d = hashlib.sha1(n.to_bytes(public_key.key_size // 8, "little")).digest()[::-1] + bytes(4)
    return "%s-<%s>" % (user, bytes(d[i] ^ d[i + 8] ^ d[i + 16] for i in range(8)).hex())


def modulus_hex(public_key):
    n = public_key.public_numbers().n
    return format(n, "0%dx" % (public_key.key_size // 4))


class Failed(Exception):
    pass


class WinPeer:
    def __init__(self, args):
        self.args = args
        self.port = args.port
        self.user = args.user
        self.host = args.host
        self.nick = args.nick
        self.group = args.group
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((args.bind, args.port))
        self.sock.settimeout(0.1)
        self.keys = [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2)]
        self.key = self.keys[0]
        if args.windows_name:
            self.user = windows_name(self.user, self.key.public_key())
        # Millisecond-based so two runs in the same second at one address never reuse a number
        # (the receiver drops a number it has seen from us), still a %u like Windows'.
        self.packet_no = int(time.time() * 1000) % 0x7FFFFFFF
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.events = []  # [dict, matched]
        self.peer_keys = {}  # "ip" -> (capa, public key)
        self.peer_names = {}  # "ip" -> (user, host, status)
        self.pending = []  # messages waiting for their sender's key: (deadline, args)
        self.stop = False
        self.offers = []  # (ip, offer packet number, utf8, [(fileId, name, size)])
        self.last_request = None  # (addr, bytes, stream key, request number)
        self.status = HOST_STATUS if args.encrypt else HOST_STATUS & ~(ENCRYPTOPT | ENCEXTMSGOPT | CAPFILEENCOPT)

    # --- output --------------------------------------------------------------------------------
    def emit(self, event, **fields):
        obj = {"event": event}
        obj.update(fields)
        with self.cond:
            self.events.append([obj, False])
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            self.cond.notify_all()

    # --- packets -------------------------------------------------------------------------------
    def next_no(self):
        with self.lock:
            self.packet_no += 1
            return self.packet_no

    def address(self, text):
        ip, _, port = text.partition(":")
        return ip, int(port) if port else self.port

    def send_packet(self, addr, command, extra=b"", packet_no=None):
        no = self.next_no() if packet_no is None else packet_no
        head = "1:%u:%s:%s:%u:" % (no, self.user, self.host, command)
        self.sock.sendto(head.encode("utf-8") + extra, addr)
        return no

    def entry_extra(self):
        # §0: legacy nick and group, then the UTF-8 third section with UN/HN/NN/GN and VS.
        third = "\nUN:%s\nHN:%s\nNN:%s\nGN:%s\nVS:%s" % (self.user, self.host, self.nick, self.group,
                                                           VERSION_STAMP)
        return (self.nick.encode("utf-8") + b"\0" + self.group.encode("utf-8") + b"\0" +
                third.encode("utf-8"))

    @staticmethod
    def parse(data):
        parts = data.split(b":", 5)
        if len(parts) < 6:
            return None
        try:
            no = int(parts[1])
            command = int(parts[4])
        except ValueError:
            return None
        fields = parts[5].split(b"\0")
        return {"no": no, "user": parts[2].decode("utf-8", "replace"),
                "host": parts[3].decode("utf-8", "replace"), "command": command,
                "mode": command & 0xFF, "fields": fields}

    # --- receive thread ------------------------------------------------------------------------
    def serve(self):
        while not self.stop:
            try:
                data, addr = self.sock.recvfrom(65536)
            except socket.timeout:
                self.expire_pending()
                continue
            except OSError:
                return
            p = self.parse(data)
            if p is None:
                self.emit("garbage", length=len(data), **{"from": addr[0]})
                continue
            try:
                self.handle(p, addr)
            except Exception as e:  # a hostile or broken packet must not kill the peer
                self.emit("error", what=repr(e), **{"from": addr[0]})
            self.expire_pending()

    def handle(self, p, addr):
        mode, command, ip = p["mode"], p["command"], addr[0]
        if mode in (BR_ENTRY, ANSENTRY, BR_ABSENCE):
            self.peer_names[ip] = (p["user"], p["host"], command)
            self.emit({BR_ENTRY: "entry", ANSENTRY: "ansentry", BR_ABSENCE: "absence"}[mode],
                      user=p["user"], host=p["host"], command="%08X" % command,
                      encrypt=bool(command & ENCRYPTOPT), encext=bool(command & ENCEXTMSGOPT),
                      ipdict=bool(command & CAPIPDICTOPT), fileenc=bool(command & CAPFILEENCOPT),
                      **{"from": ip})
            if mode == BR_ENTRY:
                # §0: ANSENTRY carries only VS in the third section, UTF8OPT if they can read it.
                extra = (self.nick.encode("utf-8") + b"\0" + self.group.encode("utf-8") + b"\0" +
                         ("\nVS:%s" % VERSION_STAMP).encode("utf-8"))
                utf8 = UTF8OPT if command & CAPUTF8OPT else 0
                self.send_packet(addr, ANSENTRY | self.status | utf8, extra)
        elif mode == BR_EXIT:
            self.emit("exit", user=p["user"], **{"from": ip})
        elif mode == GETPUBKEY:
            self.answer_getpubkey(p, addr)
        elif mode == ANSPUBKEY:
            self.learn_key(p, addr)
        elif mode == SENDMSG:
            self.receive_message(p, addr)
        elif mode == RECVMSG:
            self.emit("recvmsg", packetNo=self.field(p, 0), **{"from": ip})
        elif mode == READMSG:
            self.emit("readmsg", packetNo=self.field(p, 0), readcheck=bool(command & READCHECKOPT),
                      **{"from": ip})
            if command & READCHECKOPT:
                self.send_packet(addr, ANSREADMSG, self.field(p, 0).encode())
        elif mode == ANSREADMSG:
            self.emit("ansreadmsg", packetNo=self.field(p, 0), **{"from": ip})
        else:
            self.emit("other", command="%08X" % command, **{"from": ip})

    @staticmethod
    def field(p, i):
        f = p["fields"]
        return f[i].decode("utf-8", "replace") if i < len(f) else ""

    def answer_getpubkey(self, p, addr):
        ip = addr[0]
        try:
            their_capa = int(self.field(p, 0), 16)
        except ValueError:
            self.emit("getpubkey", valid=False, **{"from": ip})
            return
        auto = bool(p["command"] & AUTORETOPT)
        self.emit("getpubkey", capa="%08X" % their_capa, autoret=auto, **{"from": ip})
        if not self.args.encrypt:
            return
        common = their_capa & OUR_CAPA
        if common == 0:
            return  # §1.2: nothing in common, nothing sent
        if common & RSA_2048:
            pub = self.key.public_key()
            body = "%X:%X-%s" % (OUR_CAPA, pub.public_numbers().e, modulus_hex(pub))
            self.send_packet(addr, ANSPUBKEY, body.encode())
        # §1.2: a signing requester we hold no key for gets asked back, automatically.
        if their_capa & (SIGN_SHA1 | SIGN_SHA256) and not auto and ip not in self.peer_keys:
            self.send_packet(addr, GETPUBKEY | AUTORETOPT, ("%x" % OUR_CAPA).encode())

    def learn_key(self, p, addr):
        ip = addr[0]
        body = self.field(p, 0)
        try:
            capa_text, rest = body.split(":", 1)
            e_text, n_text = rest.split("-", 1)
            n_text = n_text.split(":", 1)[0]
            capa, e, n = int(capa_text, 16), int(e_text, 16), int(n_text, 16)
            key = rsa.RSAPublicNumbers(e, n).public_key()
        except ValueError as err:
            self.emit("key", valid=False, error=str(err), **{"from": ip})
            return
        self.peer_keys[ip] = (capa, key)
        self.emit("key", valid=True, capa="%08X" % capa, bits=key.key_size,
                  modulusHexDigits=len(n_text), fingerprint=fingerprint(key), **{"from": ip})
        with self.lock:
            ready = [m for m in self.pending if m[1][1][0] == ip]
            self.pending = [m for m in self.pending if m[1][1][0] != ip]
        for _, (pk, ad) in ready:
            self.receive_message(pk, ad, may_wait=False)

    def expire_pending(self):
        now = time.monotonic()
        with self.lock:
            due = [m for m in self.pending if m[0] <= now]
            self.pending = [m for m in self.pending if m[0] > now]
        for _, (pk, ad) in due:
            self.receive_message(pk, ad, may_wait=False)

    # --- incoming messages ---------------------------------------------------------------------
    def receive_message(self, p, addr, may_wait=True):
        ip, command = addr[0], p["command"]
        ev = {"from": ip, "user": p["user"], "packetNo": str(p["no"]), "command": "%08X" % command,
              "sealed": bool(command & SECRETOPT), "readcheck": bool(command & READCHECKOPT),
              "autoret": bool(command & AUTORETOPT), "utf8": bool(command & UTF8OPT),
              "encrypted": bool(command & ENCRYPTOPT), "encext": bool(command & ENCEXTMSGOPT),
              "to": [], "files": ""}
        if command & ENCRYPTOPT:
            sealed = p["fields"][0]
            capa = self.sealed_capa(sealed)
            signed = capa is not None and capa & (SIGN_SHA1 | SIGN_SHA256)
            if signed and ip not in self.peer_keys and may_wait:
                # Like Windows, the signature is checked only with the sender's key: ask for it.
                with self.lock:
                    self.pending.append((time.monotonic() + 2.0, (p, addr)))
                self.send_packet(addr, GETPUBKEY, ("%x" % OUR_CAPA).encode())
                return
            try:
                self.open_sealed(sealed, p["no"], ip, ev)
            except Exception as err:
                ev["error"] = repr(err)
                self.emit("message", **ev)
                return  # undecryptable: no RECVMSG, so the sender learns it failed
            if command & FILEATTACHOPT and not command & ENCEXTMSGOPT:
                ev["files"] = self.field(p, 1)
        else:
            ev["text"] = self.field(p, 0)
            ev["files"] = self.field(p, 1) if command & FILEATTACHOPT else ""
        if ev["files"]:
            self.offers.append((ip, p["no"], bool(command & UTF8OPT), self.parse_files(ev["files"])))
        self.emit("message", **ev)
        if command & SENDCHECKOPT and not command & (BROADCASTOPT | AUTORETOPT):
            self.send_packet(addr, RECVMSG, str(p["no"]).encode())
        if command & SECRETOPT and self.args.autoread:
            self.send_packet(addr, READMSG | (command & READCHECKOPT), str(p["no"]).encode())

    @staticmethod
    def parse_files(text):
        """fileID:name:size:mtime:attr[:ext...] records separated by \\a; '::' is a ':' in a name."""
        files = []
        for rec in text.split("\a"):
            rec = rec.lstrip(":")
            if not rec:
                continue
            fields = rec.replace("::", "\0").split(":")
            if len(fields) < 5:
                continue
            files.append((int(fields[0]), fields[1].replace("\0", ":"), int(fields[2], 16)))
        return files

    @staticmethod
    def sealed_capa(sealed):
        try:
            return int(sealed.split(b":", 1)[0], 16)
        except ValueError:
            return None

    def open_sealed(self, sealed, packet_no, ip, ev):
        parts = sealed.split(b":")
        if len(parts) not in (3, 4):
            raise ValueError("%d fields in the sealed body" % len(parts))
        capa = int(parts[0], 16)
        b64 = bool(capa & ENCODE_BASE64)
        decode = (lambda s: base64.b64decode(s, validate=True)) if b64 else bytes.fromhex
        wrapped, cipher_bytes = decode(parts[1].decode()), decode(parts[2].decode())
        ev["capa"] = "%08X" % capa
        ev["encoding"] = "base64" if b64 else "hex"
        ev["iv"] = "packet" if capa & PACKETNO_IV else "zero"
        if not (capa & RSA_2048 and capa & AES_256):
            raise ValueError("capa %08X is not RSA-2048/AES-256" % capa)
        session = None
        for k in (self.key,) + tuple(x for x in self.keys if x is not self.key):
            try:
                session = k.decrypt(wrapped, padding.PKCS1v15())
                break
            except ValueError:
                continue
        if session is None or len(session) != 32:
            raise ValueError("session key does not unwrap")
        iv = self.iv(packet_no, capa)
        dec = Cipher(algorithms.AES(session), modes.CBC(iv)).decryptor()
        padded = dec.update(cipher_bytes) + dec.finalize()
        unpadder = sympadding.PKCS7(128).unpadder()
        plain = unpadder.update(padded) + unpadder.finalize()
        # §1.4/§1.6: body \0 [fileinfo \0 [TO:... \0]]
        sections = plain.split(b"\0")
        ev["text"] = sections[0].decode("utf-8", "replace")
        ev["trailingNul"] = plain.endswith(b"\0")
        if len(sections) > 1:
            ev["files"] = sections[1].decode("utf-8", "replace") if len(sections) > 2 else ""
        for s in sections[2:]:
            if s.startswith(b"TO:"):
                ev["to"] = [e for e in s[3:].decode("utf-8", "replace").split("\a") if e]
        if len(parts) == 4:
            algo, name = (hashes.SHA256(), "sha256") if capa & SIGN_SHA256 else (hashes.SHA1(), "sha1")
            if not capa & (SIGN_SHA1 | SIGN_SHA256):
                ev["signature"] = "bad"  # a signature field without a signature bit
            elif ip not in self.peer_keys:
                ev["signature"] = "nokey"
            else:
                try:
                    self.peer_keys[ip][1].verify(decode(parts[3].decode()), plain, padding.PKCS1v15(), algo)
                    ev["signature"] = "good-" + name
                except InvalidSignature:
                    ev["signature"] = "bad"
        else:
            ev["signature"] = "none"

    @staticmethod
    def iv(packet_no, capa):
        if capa & PACKETNO_IV:
            return str(packet_no).encode()[:15].ljust(16, b"\0")
        return bytes(16)

    # --- outgoing messages ---------------------------------------------------------------------
    def send_message(self, addr, text, opts):
        no = self.next_no()
        command = SENDMSG | UTF8OPT
        if "nocheck" not in opts:
            command |= SENDCHECKOPT
        if "sealed" in opts:
            command |= SECRETOPT
        if "readcheck" in opts:
            command |= READCHECKOPT
        files = opts.get("files", "")
        file_list = ""
        if files:
            command |= FILEATTACHOPT
            for i, f in enumerate(files.split(",")):
                name, _, size = f.partition(":")
                file_list += "%d:%s:%x:%x:1:\a" % (i, name, int(size or "1"), int(time.time()))
        to = [t for t in opts.get("to", "").split(",") if t]
        body = text.encode("utf-8")
        variant = {k: v for k, v in opts.items()}
        if "plain" in opts:
            extra = body + b"\0" + (file_list.encode() + b"\0" if file_list else b"")
            self.send_packet(addr, command, extra, no)
            self.emit("sent", packetNo=str(no), to=addr[0], text=text, variant=variant)
            return no
        if addr[0] not in self.peer_keys:
            raise Failed("no key for %s: getkey first" % addr[0])
        command |= ENCRYPTOPT
        ext = opts.get("ext", "off") == "on" or bool(to)
        plain = body + b"\0"
        if ext:
            command |= ENCEXTMSGOPT
            plain += file_list.encode("utf-8") + b"\0"
            if to:
                plain += b"TO:" + "".join(t + "\a" for t in to).encode("utf-8") + b"\0"
        capa = RSA_2048 | AES_256
        if opts.get("iv", "packet") == "packet":
            capa |= PACKETNO_IV
        b64 = opts.get("enc", "base64") == "base64"
        if b64:
            capa |= ENCODE_BASE64
        sign = opts.get("sign", "sha256")
        if sign == "sha256":
            capa |= SIGN_SHA256
        elif sign == "sha1":
            capa |= SIGN_SHA1
        elif sign != "none":
            raise Failed("sign=%s" % sign)
        peer_key = self.peer_keys[addr[0]][1]
        session = os.urandom(32)
        wrapped = peer_key.encrypt(session, padding.PKCS1v15())
        padder = sympadding.PKCS7(128).padder()
        padded = padder.update(plain) + padder.finalize()
        enc = Cipher(algorithms.AES(session), modes.CBC(self.iv(no, capa))).encryptor()
        cipher_bytes = bytearray(enc.update(padded) + enc.finalize())
        tamper = opts.get("tamper", "none")
        if tamper == "block":
            # Garbles the first block only: the padding still checks, the signature cannot.
            if len(cipher_bytes) < 32:
                raise Failed("tamper=block needs a text of at least 16 bytes")
            cipher_bytes[3] ^= 0x5A
        elif tamper == "padding":
            # Changes the last plaintext byte through the block before it (or the IV) so that
            # the PKCS#7 padding is certainly wrong.
            cipher_bytes = self.break_padding(bytes(cipher_bytes), session, self.iv(no, capa))
        signer = self.keys[1] if opts.get("signkey") == "other" else self.key
        signature = None
        if sign != "none":
            algo = hashes.SHA256() if sign == "sha256" else hashes.SHA1()
            signature = bytearray(signer.sign(plain, padding.PKCS1v15(), algo))
            if tamper == "sig":
                signature[-1] ^= 0x01
        encode = (lambda b: base64.b64encode(bytes(b)).decode()) if b64 else (lambda b: bytes(b).hex())
        sealed = "%X:%s:%s" % (capa, encode(wrapped), encode(cipher_bytes))
        if signature is not None:
            sealed += ":" + encode(signature)
        if "truncate" in opts:
            sealed = sealed[:int(opts["truncate"])]
        extra = sealed.encode() + b"\0"
        if file_list and not ext:
            extra += file_list.encode("utf-8") + b"\0"  # §1.4: clear file list after the body
        self.send_packet(addr, command, extra, no)
        self.emit("sent", packetNo=str(no), to=addr[0], text=text, capa="%08X" % capa, variant=variant)
        return no

    def seal(self, plain, peer_key, packet_no, sign=True):
        """§1.4 with RSA-2048, AES-256-CBC, base64, the packet number as IV, SHA-256 if sign."""
        capa = RSA_2048 | AES_256 | PACKETNO_IV | ENCODE_BASE64 | (SIGN_SHA256 if sign else 0)
        session = os.urandom(32)
        padder = sympadding.PKCS7(128).padder()
        enc = Cipher(algorithms.AES(session), modes.CBC(self.iv(packet_no, capa))).encryptor()
        cipher_bytes = enc.update(padder.update(plain) + padder.finalize()) + enc.finalize()
        parts = ["%X" % capa, base64.b64encode(peer_key.encrypt(session, padding.PKCS1v15())).decode(),
                 base64.b64encode(cipher_bytes).decode()]
        if sign:
            parts.append(base64.b64encode(self.key.sign(plain, padding.PKCS1v15(), hashes.SHA256())).decode())
        return ":".join(parts).encode()

    def fetch(self, addr, name, opts):
        offer = next((o for o in reversed(self.offers) if o[0] == addr[0] and
                      any(f[1] == name for f in o[3])), None)
        if offer is None:
            raise Failed("no offer of %s from %s" % (name, addr[0]))
        if addr[0] not in self.peer_keys:
            raise Failed("no key for %s" % addr[0])
        file_id = next(f[0] for f in offer[3] if f[1] == name)
        if "replay" in opts:
            if self.last_request is None:
                raise Failed("nothing to replay")
            _, request, stream_key, no = self.last_request
        else:
            how = opts.get("how", "data")
            no = self.next_no()
            stream_key = os.urandom(32)
            # §1.7: "%x:%x:" offer and file id, "0:" offset only for GETFILEDATA, then
            # AES_256|PACKETNO_IV, the stream key and this request's number, all hex.
            plain = "%x:%x:" % (offer[1], file_id)
            if how == "data":
                plain += "0:"
            plain += "900000:%s:%x" % (stream_key.hex(), no)
            command = (GETFILEDATA if how == "data" else GETDIRFILES) | ENCRYPTOPT | ENCFILEOPT
            if offer[2]:
                command |= UTF8OPT
            sealed = self.seal(plain.encode() + b"\0", self.peer_keys[addr[0]][1], no,
                               sign=opts.get("sign", "sha256") != "none")
            head = "1:%u:%s:%s:%u:" % (no, self.user, self.host, command)
            request = head.encode("utf-8") + sealed + b"\0"
            self.last_request = (addr, request, stream_key, no)
        received = bytearray()
        # From our own address: an offer is served only to the address it was made to.
        with socket.create_connection(addr, timeout=10, source_address=(self.args.bind, 0)) as tcp:
            tcp.sendall(request)
            while True:
                chunk = tcp.recv(1 << 20)
                if not chunk:
                    break
                received += chunk
        # The whole response is one AES-256-CTR stream; the counter block is the request number
        # in ASCII, zero-padded, counting up as a big-endian 128-bit number (as CTR mode does).
        counter = str(no).encode().ljust(16, b"\0")
        dec = Cipher(algorithms.AES(stream_key), modes.CTR(counter)).decryptor()
        data = dec.update(bytes(received)) + dec.finalize()
        ev = {"name": name, "packetNo": str(no), "bytes": len(received), "how": opts.get("how", "data")}
        if opts.get("how", "data") == "dir" and data:
            # hhhh:name:size:attr[:...]: then the content; hhhh counts from its first digit.
            colon = data.index(b":")
            header_len = int(data[:colon], 16)
            header = data[:header_len].split(b":")
            ev["header"] = data[:header_len].decode("utf-8", "replace")
            size = int(header[2], 16)
            data = data[header_len:header_len + size]
        ev["sha256"] = hashlib.sha256(data).hexdigest()
        if "out" in opts:
            with open(opts["out"], "wb") as f:
                f.write(data)
        self.emit("fetched", **ev)

    @staticmethod
    def break_padding(cipher_bytes, session, iv):
        prev_start = len(cipher_bytes) - 32
        for x in range(1, 256):
            c = bytearray(cipher_bytes)
            # With one block the IV is the packet number's: garble that block itself instead.
            c[prev_start + 15 if prev_start >= 0 else -1] ^= x
            dec = Cipher(algorithms.AES(session), modes.CBC(iv)).decryptor()
            padded = dec.update(bytes(c)) + dec.finalize()
            unpadder = sympadding.PKCS7(128).unpadder()
            try:
                unpadder.update(padded) + unpadder.finalize()
            except ValueError:
                return c
        raise Failed("could not break the padding")

    # --- script ----------------------------------------------------------------------------------
    def wait_for(self, event, match, timeout):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for entry in self.events:
                    obj, used = entry
                    if used or obj.get("event") != event:
                        continue
                    if all(self.matches(obj.get(k), v) for k, v in match.items()):
                        entry[1] = True
                        return obj
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    @staticmethod
    def matches(value, wanted):
        """Booleans case-blind; a list matches if one element does; '*' and '?' are wildcards."""
        if isinstance(value, bool):
            return str(value).lower() == wanted.lower()
        if isinstance(value, list):
            return any(fnmatch.fnmatchcase(v, wanted) for v in value)
        return value is not None and fnmatch.fnmatchcase(str(value), wanted)

    def run(self, lines):
        for lineno, raw in enumerate(lines, 1):
            words = shlex.split(raw, comments=True)
            if not words:
                continue
            cmd, rest = words[0], words[1:]
            pos = [w for w in rest if "=" not in w]
            kv = dict(w.split("=", 1) for w in rest if "=" in w)
            try:
                if not self.command(cmd, pos, kv):
                    return 0
            except Failed as err:
                self.emit("fail", line=lineno, command=raw.strip(), why=str(err))
                return 1
        return 0

    def command(self, cmd, pos, kv):
        if cmd == "entry":
            self.send_packet(self.address(pos[0]), BR_ENTRY | self.status, self.entry_extra())
        elif cmd == "exit":
            self.send_packet(self.address(pos[0]), BR_EXIT | self.status, self.entry_extra())
        elif cmd == "getkey":
            addr = self.address(pos[0])
            self.send_packet(addr, GETPUBKEY, ("%x" % OUR_CAPA).encode())
            if not self.wait_for("key", {"from": addr[0]}, float(kv.get("timeout", "5"))):
                raise Failed("no ANSPUBKEY from %s" % addr[0])
        elif cmd == "send":
            opts = dict(kv)
            for flag in pos[2:]:
                opts[flag] = True
            self.send_message(self.address(pos[0]), pos[1], opts)
        elif cmd == "fetch":
            opts = dict(kv)
            for flag in pos[2:]:
                opts[flag] = True
            self.fetch(self.address(pos[0]), pos[1], opts)
        elif cmd == "rekey":
            self.key = self.keys[1] if self.key is self.keys[0] else self.keys[0]
            self.emit("rekey", fingerprint=fingerprint(self.key.public_key()))
        elif cmd == "expect":
            timeout = float(kv.pop("timeout", "10"))
            got = self.wait_for(pos[0], kv, timeout)
            if got is None:
                raise Failed("no %s event with %s in %gs" % (pos[0], kv, timeout))
            self.emit("expected", what=pos[0], packetNo=got.get("packetNo"))
        elif cmd == "sleep":
            time.sleep(float(pos[0]))
        elif cmd == "quit":
            return False
        else:
            raise Failed("unknown command %s" % cmd)
        return True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bind", required=True, help="loopback address to bind")
    ap.add_argument("--port", type=int, default=2425)
    ap.add_argument("--user", default="winuser")
    ap.add_argument("--host", default="WINPC")
    ap.add_argument("--nick", default="Windows")
    ap.add_argument("--group", default="Office")
    ap.add_argument("--no-encrypt", dest="encrypt", action="store_false",
                    help="an old client: announce no ENCRYPTOPT/ENCEXTMSGOPT, answer no GETPUBKEY")
    ap.add_argument("--windows-name", action="store_true",
                    help="take the user-<fingerprint> name Windows takes with an RSA-2048 key (§1.5)")
    ap.add_argument("--no-autoread", dest="autoread", action="store_false",
                    help="do not open sealed messages (no READMSG)")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--script", help="script file, '-' for stdin")
    src.add_argument("-c", dest="commands", help="commands separated by ';'")
    args = ap.parse_args()
    peer = WinPeer(args)
    peer.emit("ready", bind=args.bind, port=args.port, user=peer.user, host=args.host,
              fingerprint=fingerprint(peer.key.public_key()),
              otherFingerprint=fingerprint(peer.keys[1].public_key()))
    threading.Thread(target=peer.serve, daemon=True).start()
    if args.commands is not None:
        lines = args.commands.split(";")
    elif args.script == "-":
        lines = sys.stdin.read().splitlines()
    else:
        with open(args.script, encoding="utf-8") as f:
            lines = f.read().splitlines()
    rc = peer.run(lines)
    peer.stop = True
    sys.exit(rc)


if __name__ == "__main__":
    main()
