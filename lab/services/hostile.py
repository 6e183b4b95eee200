#!/usr/bin/env python3
"""The lab's hostile servers: endpoints that misbehave on purpose, one way each.

  hostile.py --cert PEM --key PEM --plan FILE

PLAN lists one listener per line, `NAME MODE ADDRESS PORT`; MODE is one of the behaviours below
(lab/lib/hostile.sh writes the plan; lab/README.md lists the addresses).

HTTP (plain, or TLS with --cert when the mode ends in -tls):
  trickle          a status line, then one header byte every 0.5 s, never the end of the headers
  endless-headers  a status line, then header lines as fast as the client reads, forever
  huge-headers     16 MiB of header lines, then a small body
  huge-body        200 with a body of 256 MiB (Content-Length set), as fast as the client reads
  canary           echo routes: /invalid (truncated JSON), /deep-array and /deep-object (nested
                   far deeper than any echo, under 64 KiB), /escapes and /escapes/text (the request
                   headers plus terminal escapes, C0 controls and markup in X-Forwarded-For)
  redirect         /relative -> 301 to a relative path; /protocol-relative -> 301 to //HOST:8443/...
  loop-tls         TLS; every path answers 301 to itself over HTTPS (a redirect loop)
  loop             plain HTTP; 301 to https://HOST:8443/loop (the loop-tls listener)
TLS:
  garbage-tls      answers a ClientHello with bytes that are not TLS, then closes
  stall-tls        reads the ClientHello, sends the first 5 bytes of a ServerHello record, then
                   holds the connection without another byte
DNS (UDP and TCP on the same port):
  dns-truncating   over UDP, every answer is empty with the TC bit set; over TCP, the full
                   answer (A www.edgecheck.test -> 127.0.10.1, 127.0.10.2)
  dns-other-question  answers every query, over UDP and TCP, for another name (evil.example. A
                   192.0.2.66) with the query's id: a reply to a question nobody asked
"""
import argparse
import json
import signal
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time

FRONT_ANSWERS = ["127.0.10.1", "127.0.10.2"]
FORGED = "192.0.2.66"
ESCAPED_XFF = "\x1b]0;owned\x07\x1b[2J\x1b[31m<script>alert(1)</script>\x00\r\n& \u202e127.0.99.7"


# ------------------------------------------------------------------------------ HTTP

def read_request(conn):
    """The request head (up to 64 KiB) as (method, path, [(name, value)]), or None."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            return None
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    parts = head[0].split(" ")
    if len(parts) < 2:
        return None
    headers = []
    for line in head[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers.append((name, value.strip()))
    return parts[0], parts[1], headers


def respond(conn, status, headers, body=b""):
    lines = [f"HTTP/1.1 {status}"] + [f"{name}: {value}" for name, value in headers]
    lines += [f"Content-Length: {len(body)}", "Connection: close"]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body)


def host_of(headers, default):
    for name, value in headers:
        if name.lower() == "host":
            return value.rsplit(":", 1)[0] if not value.endswith("]") else value
    return default


def trickle(conn, request, address):
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Trickle: ")
    while True:
        time.sleep(0.5)
        conn.sendall(b"a")


def endless_headers(conn, request, address):
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    line = b"X-Endless-%d: " + b"e" * 1000 + b"\r\n"
    number = 0
    while True:
        conn.sendall(b"".join(line % (number + i) for i in range(64)))
        number += 64


def huge_headers(conn, request, address):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
    line = b"X-Huge-%d: " + b"h" * 4000 + b"\r\n"
    for number in range(0, 16 * 1024 * 1024 // 4000, 64):
        conn.sendall(b"".join(line % (number + i) for i in range(64)))
    conn.sendall(b"Content-Length: 3\r\nConnection: close\r\n\r\nok\n")


def huge_body(conn, request, address):
    size = 256 * 1024 * 1024
    conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n"
                 "Connection: close\r\n\r\n".encode())
    chunk = b" " * 65536
    for _ in range(size // len(chunk)):
        conn.sendall(chunk)


def deep(opening, closing, inner, depth):
    return '{"headers": ' + opening * depth + inner + closing * depth + "}"


def canary(conn, request, address):
    method, path, headers = request
    route = path.split("?", 1)[0]
    if route == "/invalid":
        body = '{"headers": {"X-Forwarded-For": "127.0.99.7, 127.0.20.1", "Host": '
    elif route == "/deep-array":
        body = deep("[", "]", "", 30000)
    elif route == "/deep-object":
        body = deep('{"a":', "}", "1", 10000)
    elif route.startswith("/escapes"):
        echoed = {name: value for name, value in headers}
        echoed["X-Forwarded-For"] = ESCAPED_XFF
        echoed["X-Forwarded-Proto"] = "\x1b[5mhttps\x1b[0m<b>"
        if route.endswith("/text"):
            text = "".join(f"{name}: {value}\n" for name, value in echoed.items())
            respond(conn, "200 OK", [("Content-Type", "text/plain; charset=utf-8")], text.encode("utf-8"))
            return
        body = json.dumps({"method": method, "path": path, "headers": echoed})
    else:
        respond(conn, "404 Not Found", [("Content-Type", "text/plain")], b"no such route\n")
        return
    respond(conn, "200 OK", [("Content-Type", "application/json")], body.encode())


def redirect(conn, request, address):
    _, path, headers = request
    host = host_of(headers, address)
    route = path.split("?", 1)[0]
    if route == "/relative":
        location = "/landing?from=relative"
    elif route == "/protocol-relative":
        location = f"//{host}:8443/landing"
    else:
        respond(conn, "404 Not Found", [("Content-Type", "text/plain")], b"no such route\n")
        return
    respond(conn, "301 Moved Permanently", [("Location", location)])


def loop(conn, request, address):
    host = host_of(request[2], address)
    respond(conn, "301 Moved Permanently", [("Location", f"https://{host}:8443/loop")])


def loop_tls(conn, request, address):
    host = host_of(request[2], address)
    respond(conn, "301 Moved Permanently", [("Location", f"https://{host}:8443{request[1]}")])


# ------------------------------------------------------------------------------ raw TLS

def garbage_tls(conn, address):
    conn.recv(4096)
    conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n" + bytes(range(256)) * 4)


def stall_tls(conn, address):
    conn.recv(4096)
    # A handshake record header announcing 0x4000 bytes that never come.
    conn.sendall(b"\x16\x03\x03\x40\x00")
    while conn.recv(4096):
        pass


HTTP_MODES = {"trickle": trickle, "endless-headers": endless_headers, "huge-headers": huge_headers,
              "huge-body": huge_body, "canary": canary, "redirect": redirect, "loop": loop,
              "loop-tls": loop_tls}
RAW_MODES = {"garbage-tls": garbage_tls, "stall-tls": stall_tls}


class Listener(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode, address, port, tls):
        self.mode, self.address, self.tls = mode, address, tls
        self.address_family = socket.AF_INET6 if ":" in address else socket.AF_INET
        super().__init__((address, port), Handler)


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        server = self.server
        conn = self.request
        conn.settimeout(120)
        try:
            if server.mode in RAW_MODES:
                RAW_MODES[server.mode](conn, server.address)
                return
            if server.mode.endswith("-tls"):
                conn = server.tls.wrap_socket(conn, server_side=True)
            request = read_request(conn)
            if request:
                HTTP_MODES[server.mode](conn, request, server.address)
        except (OSError, ssl.SSLError):
            pass  # the client gave up: that is the point


# ------------------------------------------------------------------------------ DNS

def parse_question(packet):
    """(id, flags, question bytes, qname) of a query."""
    query_id, flags, qdcount = struct.unpack(">HHH", packet[:6])
    offset, labels = 12, []
    while packet[offset]:
        length = packet[offset]
        labels.append(packet[offset + 1:offset + 1 + length].decode("ascii", "replace"))
        offset += 1 + length
    offset += 5  # the root label, QTYPE, QCLASS
    return query_id, flags, packet[12:offset], ".".join(labels)


def encode_name(name):
    return b"".join(bytes([len(label)]) + label.encode() for label in name.split(".") if label) + b"\0"


def dns_reply(mode, packet, over_tcp):
    query_id, flags, question, qname = parse_question(packet)
    qtype = struct.unpack(">H", question[-4:-2])[0]
    reply_flags = 0x8000 | 0x0400 | (flags & 0x0100)  # response, authoritative, RD copied
    if mode == "dns-other-question":
        other = encode_name("evil.example") + struct.pack(">HH", 1, 1)
        answer = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 30, 4) + socket.inet_aton(FORGED)
        return struct.pack(">HHHHHH", query_id, reply_flags, 1, 1, 0, 0) + other + answer
    addresses = FRONT_ANSWERS if qtype == 1 and qname.lower() == "www.edgecheck.test" else []
    if not over_tcp:
        return struct.pack(">HHHHHH", query_id, reply_flags | 0x0200, 1, 0, 0, 0) + question
    answers = b"".join(b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 30, 4) + socket.inet_aton(a) for a in addresses)
    return struct.pack(">HHHHHH", query_id, reply_flags, 1, len(addresses), 0, 0) + question + answers


def serve_dns_udp(mode, address, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((address, port))
    while True:
        packet, peer = sock.recvfrom(65535)
        try:
            sock.sendto(dns_reply(mode, packet, over_tcp=False), peer)
        except (IndexError, struct.error):
            pass


class DNSOverTCP(socketserver.BaseRequestHandler):
    def handle(self):
        conn = self.request
        conn.settimeout(10)
        try:
            while True:
                length = conn.recv(2)
                if len(length) < 2:
                    return
                packet = b""
                wanted = struct.unpack(">H", length)[0]
                while len(packet) < wanted:
                    chunk = conn.recv(wanted - len(packet))
                    if not chunk:
                        return
                    packet += chunk
                reply = dns_reply(self.server.mode, packet, over_tcp=True)
                conn.sendall(struct.pack(">H", len(reply)) + reply)
        except (OSError, IndexError, struct.error):
            pass


class DNSListener(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode, address, port):
        self.mode = mode
        super().__init__((address, port), DNSOverTCP)


# ------------------------------------------------------------------------------ main

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--plan", required=True)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(args.cert, args.key)

    servers = []
    with open(args.plan) as plan:
        for line in plan:
            fields = line.split()
            if not fields or fields[0].startswith("#"):
                continue
            _, mode, address, port = fields[:4]
            port = int(port)
            if mode.startswith("dns-"):
                threading.Thread(target=serve_dns_udp, args=(mode, address, port), daemon=True).start()
                servers.append(DNSListener(mode, address, port))
            elif mode in HTTP_MODES or mode in RAW_MODES:
                servers.append(Listener(mode, address, port, tls))
            else:
                sys.exit(f"hostile: unknown mode {mode!r} in {args.plan}")
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"hostile: {len(servers)} listeners from {args.plan}", file=sys.stderr, flush=True)
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
