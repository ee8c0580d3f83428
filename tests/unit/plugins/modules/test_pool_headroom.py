# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pool_headroom, run as Ansible runs it, against an engine socket that answers what no engine should.

The real engine's answers are covered by the Molecule scenario headroom; here a unix socket
server stands in for a broken or hostile engine, which a real dockerd cannot be made into.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import http.server
import json
import os
import socketserver
import subprocess
import sys
import threading

import pytest

from conftest import COLLECTIONS

GOOD = {
    "/version": {"Version": "26.1.5"},
    "/info": {},
    "/networks": [{"Name": "bridge", "Id": "b1", "Created": "2026-11-22T21:42:30.07Z",
                   "IPAM": {"Config": [{"Subnet": "172.17.0.0/16"}]}}],
    "/containers/json": [],
}


def _server(tmp_path, answers):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def address_string(self):
            return "unix"

        def log_message(self, *args):
            pass

        def do_GET(self):
            answer = answers.get(self.path.split("?")[0], GOOD.get(self.path.split("?")[0]))
            body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
        daemon_threads = True

    path = str(tmp_path / "engine.sock")
    server = Server(path, Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, path


def run_module(tmp_path, socket_path, **extra):
    args = tmp_path / "args.json"
    params = dict(socket=socket_path, daemon_json=str(tmp_path / "none.json"), **extra)
    args.write_text(json.dumps({"ANSIBLE_MODULE_ARGS": params}))
    done = subprocess.run(
        [sys.executable, "-m", "ansible_collections.dockyard.docker_host.plugins.modules.pool_headroom", str(args)],
        env=dict(os.environ, PYTHONPATH=COLLECTIONS), capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return json.loads(done.stdout)


MALFORMED = [
    ({"/version": b"not json"}, "GET /version: the engine's answer is not JSON"),
    ({"/version": []}, "GET /version is malformed: the answer is list"),
    ({"/version": {"Version": 26}}, "GET /version is malformed: the answer field Version is number"),
    ({"/info": "text"}, "GET /info is malformed: the answer is string"),
    ({"/info": {"DefaultAddressPools": {"Base": "10.0.0.0/8"}}}, "field DefaultAddressPools is mapping"),
    ({"/info": {"DefaultAddressPools": [{"Base": "10.0.0.0/8", "Size": "24"}]}},
     "DefaultAddressPools item 0 field Size is string"),
    ({"/info": {"DefaultAddressPools": [{"Base": "10.0.0.0/8", "Size": 99}]}}, "cannot count headroom: pool 10.0.0.0/8"),
    ({"/networks": {"Name": "x"}}, "GET /networks is malformed: the answer is mapping"),
    ({"/networks": [None]}, "GET /networks is malformed: network 0 is null"),
    ({"/networks": [{"Id": "x"}]}, "network 0 field Name is null"),
    ({"/networks": [{"Name": "n", "Id": "x", "Labels": {"a": 1}}]}, "network 0 field Labels entry a is number"),
    ({"/networks": [{"Name": "n", "Id": "x", "IPAM": {"Config": [{"Subnet": 7}]}}]},
     "network 0 IPAM.Config item 0 field Subnet is number"),
    ({"/networks": [{"Name": "n", "Id": "x", "IPAM": {"Config": [{"Subnet": "not-a-net"}]}}]},
     "cannot count headroom: used entry 'not-a-net' is not an IP network"),
    ({"/networks": [{"Name": "n", "Id": "x", "Created": 5}]}, "network 0 field Created is number"),
    ({"/containers/json": [{"NetworkSettings": {"Networks": {"n": "x"}}}]},
     "GET /containers/json is malformed: container 0 network n is string"),
    ({"/containers/json": [{"NetworkSettings": []}]}, "container 0 field NetworkSettings is list"),
]


@pytest.mark.parametrize("answers, message", MALFORMED, ids=[m for _a, m in MALFORMED])
def test_malformed_engine_answers_fail_clearly(tmp_path, answers, message):
    server, path = _server(tmp_path, answers)
    try:
        result = run_module(tmp_path, path)
    finally:
        server.shutdown()
        server.server_close()
    assert result.get("failed"), result
    assert message in result["msg"], result["msg"]


def test_a_well_formed_answer_is_counted(tmp_path):
    server, path = _server(tmp_path, {})
    try:
        result = run_module(tmp_path, path)
    finally:
        server.shutdown()
        server.server_close()
    assert not result.get("failed"), result
    assert result["pools_source"] == "engine defaults" and result["free"] == 30


@pytest.mark.parametrize("params, message", [
    ({"timeout": 0}, "timeout 0 is below 1"),
    ({"max_answer_bytes": 10}, "max_answer_bytes 10 is below 1024"),
    ({"min_free": -3}, "min_free -3 is below 0"),
])
def test_bounds_of_the_module_options(tmp_path, params, message):
    result = run_module(tmp_path, str(tmp_path / "absent.sock"), **params)
    assert result.get("failed") and message in result["msg"], result
