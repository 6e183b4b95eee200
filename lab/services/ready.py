#!/usr/bin/env python3
"""Readiness of the lab's listeners, for lab/up and lab/status.

A plan file lists one listener per line: NAME KIND ADDRESS PORT [ARGUMENT], where NAME is the
program that owns it and KIND is one of
  tcp    a TCP connect succeeds
  tls    a TLS handshake completes (SNI = ARGUMENT); readiness only, so the certificate is not
         judged here: several faults serve a bad one on purpose
  tls-proxy  as tls, after a PROXY v1 header (a listener with accept-proxy)
  https  a GET of path ARGUMENT through TLS answers 200 (the whole chain behind it works)
  dns    an A query for ARGUMENT over UDP gets an answer
  udp    something holds the UDP port (a bind attempt finds it in use)

  ready.py free PLAN                         exit 1 if any listener's address is already taken
  ready.py wait PLAN SECONDS NAME=PID ...    poll until every listener answers; exit 1 as soon as
                                             a program has exited, or at the deadline
  ready.py check PLAN                        one round; print each listener's state

On failure the first line of stdout is "NAME: reason".
"""
import errno
import os
import re
import socket
import ssl
import struct
import sys
import time


def read_plan(path):
    plan = []
    with open(path) as f:
        for line in f:
            fields = line.split()
            if fields and not fields[0].startswith("#"):
                name, kind, address, port = fields[:4]
                plan.append((name, kind, address, int(port), fields[4] if len(fields) > 4 else ""))
    return plan


# One context for every probe: building one per probe costs more than the handshake itself.
TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


def dns_query(address, port, name, timeout):
    query_id = os.getpid() & 0xFFFF
    packet = struct.pack(">HHHHHH", query_id, 0x0100, 1, 0, 0, 0)
    packet += b"".join(bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\0"
    packet += struct.pack(">HH", 1, 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        sock.sendto(packet, (address, port))
        reply, _ = sock.recvfrom(65535)
    reply_id, flags, _, answers = struct.unpack(">HHHH", reply[:8])
    if reply_id != query_id:
        raise OSError("reply to another query")
    if flags & 0x000F or (answers == 0 and not flags & 0x0200):
        raise OSError(f"rcode {flags & 0x000F}, {answers} answers")


def probe(kind, address, port, argument, timeout=0.5):
    """None when the listener answers as expected, else why not."""
    try:
        if kind == "dns":
            dns_query(address, port, argument, timeout)
        elif kind == "udp":
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            with socket.socket(family, socket.SOCK_DGRAM) as sock:
                try:
                    sock.bind((address, port))
                    return "nothing holds the port"
                except OSError as error:
                    if error.errno != errno.EADDRINUSE:
                        raise
        else:
            with socket.create_connection((address, port), timeout=timeout) as raw:
                if kind == "tcp":
                    return None
                raw.settimeout(max(timeout, 2.0))
                if kind == "tls-proxy":
                    local, local_port = raw.getsockname()[:2]
                    raw.sendall(f"PROXY TCP4 {local} {address} {local_port} {port}\r\n".encode())
                with TLS.wrap_socket(raw, server_hostname=argument or None) as tls:
                    if kind == "https":
                        tls.sendall(f"GET {argument} HTTP/1.1\r\nHost: www.edgecheck.test\r\n"
                                    "Connection: close\r\n\r\n".encode())
                        status_line = tls.recv(256).split(b"\r\n", 1)[0].decode(errors="replace")
                        if " 200 " not in status_line + " ":
                            return f"answered {status_line!r}"
        return None
    except (OSError, ssl.SSLError) as error:
        return str(error) or type(error).__name__


def in_use(kind, address, port):
    family_type = socket.SOCK_DGRAM if kind in ("dns", "udp") else socket.SOCK_STREAM
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, family_type) as sock:
        if family_type == socket.SOCK_STREAM:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((address, port))
            return False
        except OSError as error:
            return error.errno == errno.EADDRINUSE


def other_labs(plan_path):
    """The checkouts whose lab is running, other than the one PLAN_PATH belongs to."""
    own = os.path.realpath(plan_path).split("/lab/state/")[0]
    found = set()
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                words = f.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        for word in words:
            match = re.search(r"(/[^\s=,]*)/lab/state/", word)
            if match and match.group(1) != own:
                found.add(match.group(1))
    return sorted(found)


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main(argv):
    mode, plan = argv[1], read_plan(argv[2])
    if mode == "free":
        for name, kind, address, port, _ in plan:
            if kind != "https" and in_use(kind, address, port):
                others = other_labs(argv[2])
                holder = (f"the lab of {', '.join(others)} is running (lab/down there first)" if others
                          else "another program holds it")
                print(f"{name}: {address}:{port} is already in use: {holder}")
                return 1
        return 0
    if mode == "check":
        failed = 0
        for name, kind, address, port, argument in plan:
            problem = probe(kind, address, port, argument)
            failed += problem is not None
            print(f"{name:14} {kind:5} {address}:{port:<6} {'ok' if problem is None else problem}")
        return 1 if failed else 0

    deadline = time.monotonic() + float(argv[3])
    pids = dict(item.split("=", 1) for item in argv[4:])
    pending = list(plan)
    while True:
        for name, pid in pids.items():
            if not alive(pid):
                print(f"{name}: exited during start-up")
                return 1
        pending = [entry for entry in pending if probe(*entry[1:]) is not None]
        if not pending:
            return 0
        if time.monotonic() > deadline:
            name, kind, address, port, argument = pending[0]
            print(f"{name}: {kind} {address}:{port} not ready after {argv[3]}s: "
                  f"{probe(kind, address, port, argument)}")
            return 1
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
