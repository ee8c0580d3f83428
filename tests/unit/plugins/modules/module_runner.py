# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a module as Ansible runs it (a process of its own, arguments in a file), and an engine socket stand-in
for the answers a real dockerd cannot be made to give."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import http.server
import json
import os
import socketserver
import subprocess
import sys
import threading

from conftest import COLLECTIONS


def run_module(name, tmp_path, check_mode=False, **params):
    args = tmp_path / ("args-%s.json" % name)
    if check_mode:
        params["_ansible_check_mode"] = True
    args.write_text(json.dumps({"ANSIBLE_MODULE_ARGS": params}))
    done = subprocess.run(
        [sys.executable, "-m", "ansible_collections.dockyard.docker_host.plugins.modules." + name, str(args)],
        env=dict(os.environ, PYTHONPATH=COLLECTIONS), capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return json.loads(done.stdout)


@contextlib.contextmanager
def engine_stand_in(tmp_path, answers):
    """A unix socket answering GET requests from ``answers`` (path without query to JSON, or bytes as they are);
    a path it does not know answers 404."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def address_string(self):
            return "unix"

        def log_message(self, *args):
            pass

        def do_GET(self):
            path = self.path.split("?")[0]
            if path not in answers:
                body, status = json.dumps({"message": "no such object"}).encode(), 404
            else:
                answer = answers[path]
                body, status = answer if isinstance(answer, bytes) else json.dumps(answer).encode(), 200
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
        daemon_threads = True

    path = str(tmp_path / "engine.sock")
    server = Server(path, Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield path
    finally:
        server.shutdown()
        server.server_close()
