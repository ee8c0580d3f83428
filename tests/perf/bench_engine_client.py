# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the Engine API client against an engine that drips and one that floods.

Prints how long a request with a 3 s timeout takes when the engine sends one byte every
0.25 s (a per-read timeout alone never fires), and the peak memory of a request whose answer
is 300 MB (the client's cap is 64 MiB), each beside the plain http.client behaviour.

Usage: python tests/perf/bench_engine_client.py
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                ".cache", "collections"))

from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import (  # noqa: E402
    EngineAPIError,
    EngineClient,
)

FLOOD_BYTES = 300 * 1024 * 1024


def serve(path, answer, stop):
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(4)

    def loop():
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except OSError:
                return
            connection.recv(65536)
            try:
                answer(connection, stop)
            except OSError:
                pass
            connection.close()

    threading.Thread(target=loop, daemon=True).start()
    return listener


def drip(connection, stop):
    for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\n" + b"x" * 400:
        if stop.is_set():
            return
        connection.sendall(bytes([byte]))
        stop.wait(0.25)


def flood(connection, stop):
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % FLOOD_BYTES)
    chunk = b"1," * (512 * 1024)
    sent = 0
    while sent < FLOOD_BYTES and not stop.is_set():
        connection.sendall(chunk)
        sent += len(chunk)


def child(kind, path):
    """Run one request in a fresh process so its peak RSS is its own; print seconds and peak MiB."""
    started = time.monotonic()
    try:
        if kind == "plain":
            from http.client import HTTPConnection

            class Unix(HTTPConnection):
                def connect(self):
                    self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    self.sock.settimeout(3)
                    self.sock.connect(path)

            connection = Unix("localhost", timeout=3)
            connection.request("GET", "/networks")
            connection.getresponse().read()
            outcome = "read it all"
        else:
            EngineClient(path, timeout=3 if kind == "drip" else 120).get("/networks")
            outcome = "read it all"
    except (EngineAPIError, OSError) as error:
        outcome = str(error)[:70]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("%.2f %.1f %s" % (time.monotonic() - started, peak, outcome))


def measure(kind, path):
    done = subprocess.run([sys.executable, __file__, "--child", kind, path], capture_output=True, text=True,
                          timeout=600, check=True)
    seconds, peak, outcome = done.stdout.strip().split(" ", 2)
    return float(seconds), float(peak), outcome


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    work = tempfile.mkdtemp()
    stop = threading.Event()
    rows = []
    for name, answer, kinds in (("dripping engine, timeout 3 s", drip, ("drip", "plain")),
                                ("300 MB answer", flood, ("flood", "plain"))):
        path = os.path.join(work, name.split()[0] + ".sock")
        listener = serve(path, answer, stop)
        for kind in kinds:
            seconds, peak, outcome = measure(kind, path)
            rows.append((name, "EngineClient" if kind != "plain" else "http.client (per-read timeout)",
                         seconds, peak, outcome))
        listener.close()
    stop.set()
    print("%-30s %-32s %9s %10s  %s" % ("case", "client", "seconds", "peak MiB", "outcome"))
    for row in rows:
        print("%-30s %-32s %9.2f %10.1f  %s" % row)


if __name__ == "__main__":
    main()
