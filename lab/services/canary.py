#!/usr/bin/env python3
"""The canary behind the lab's ALB: echoes the request headers it received.

GET /canary       -> {"method": ..., "path": ..., "headers": {"Name": "value", ...}}
GET /canary/text  -> one "Name: value" line per header (method and path in X-Canary-* reply headers)

Header names keep the spelling they arrived with; a header that arrives more than once (in any
spelling) is reported once, its values joined by ", " in arrival order, as RFC 9110 allows.
"""
import argparse
import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def merged_headers(message):
    """The request headers in arrival order, repeated ones joined by ", "."""
    names = {}    # lower-case name -> first spelling seen
    values = {}   # first spelling -> list of values
    for name, value in message.items():
        spelling = names.setdefault(name.lower(), name)
        values.setdefault(spelling, []).append(value)
    return {name: ", ".join(parts) for name, parts in values.items()}


class CanaryHandler(BaseHTTPRequestHandler):
    server_version = "edge-lab-canary/1"
    protocol_version = "HTTP/1.1"

    def echo(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        headers = merged_headers(self.headers)
        route = self.path.split("?", 1)[0].rstrip("/")
        if route.endswith("/text"):
            body = "".join(f"{name}: {value}\n" for name, value in headers.items()).encode()
            content_type = "text/plain; charset=utf-8"
        else:
            reply = {"method": self.command, "path": self.path, "headers": headers}
            body = (json.dumps(reply, indent=2) + "\n").encode()
            content_type = "application/json"
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Canary-Method", self.command)
        self.send_header("X-Canary-Path", self.path)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = echo


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="ADDRESS:PORT")
    args = parser.parse_args()
    host, port = args.listen.rsplit(":", 1)
    server = ThreadingHTTPServer((host, int(port)), CanaryHandler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"canary listening on {args.listen}", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
