# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The stand-in docker-ce package's engine: answers the Engine API requests the collection makes (version, info,
containers, networks) on /run/docker.sock with the version of the package it came in, so the repository tests run
the collection's engine lifecycle (start, version check, wait) without Docker's real binaries.

  python3 stand_in_engine.py VERSION
"""

import http.server
import json
import os
import re
import socketserver
import sys

SOCKET = "/run/docker.sock"


def answers(version):
    return {
        "/version": {"Version": version, "ApiVersion": "1.45"},
        "/info": {"ServerVersion": version, "Swarm": {"LocalNodeState": "inactive"}, "LiveRestoreEnabled": False},
        "/containers/json": [],
        "/networks": [],
    }


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    known = {}

    def address_string(self):
        return "unix"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = re.sub(r"^/v[0-9.]+", "", self.path.split("?")[0])
        found = path in self.known
        body = json.dumps(self.known[path] if found else {"message": "not in the stand-in engine"}).encode()
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main(version):
    Handler.known = answers(version)
    if os.path.exists(SOCKET):
        os.unlink(SOCKET)
    server = Server(SOCKET, Handler)
    os.chmod(SOCKET, 0o660)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
