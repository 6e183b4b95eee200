#!/usr/bin/env python3
"""Endpoints that take traffic and never answer, for timeout faults.

--udp ADDRESS:PORT  reads datagrams and drops them (the silent resolver: a DNS client times out)
--tcp ADDRESS:PORT  accepts connections, reads and discards what arrives, never writes a byte and
                    never closes (a blackholed service: connect succeeds, then nothing)
"""
import argparse
import selectors
import signal
import socket
import sys


def split(endpoint):
    host, port = endpoint.rsplit(":", 1)
    return host, int(port)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--udp", action="append", default=[])
    parser.add_argument("--tcp", action="append", default=[])
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    selector = selectors.DefaultSelector()
    for endpoint in args.udp:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(split(endpoint))
        selector.register(sock, selectors.EVENT_READ, "datagram")
    for endpoint in args.tcp:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(split(endpoint))
        sock.listen(128)
        selector.register(sock, selectors.EVENT_READ, "listener")
    print(f"silent on udp {args.udp} tcp {args.tcp}", file=sys.stderr, flush=True)

    while True:
        for key, _ in selector.select():
            sock = key.fileobj
            if key.data == "datagram":
                sock.recvfrom(65535)
            elif key.data == "listener":
                conn, _ = sock.accept()
                selector.register(conn, selectors.EVENT_READ, "held")
            else:
                # Keep the connection open; only forget it once the peer has gone.
                if not sock.recv(65536):
                    selector.unregister(sock)
                    sock.close()


if __name__ == "__main__":
    main()
