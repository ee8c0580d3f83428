import http.server
import json
import socket
import socketserver
import threading

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import EngineAPIError, EngineClient


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def address_string(self):
        return "unix"

    def log_message(self, *args):
        pass

    def _send(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/version":
            self._send(200, {"Version": "26.1.5"})
        else:
            self._send(404, {"message": "network dockyard-missing not found"})

    def do_DELETE(self):
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


@pytest.fixture
def api_socket(tmp_path):
    path = str(tmp_path / "api.sock")
    server = _Server(path, _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield path
    server.shutdown()
    server.server_close()


def test_requests_reuse_one_connection(api_socket):
    client = EngineClient(api_socket)
    assert client.get("/version") == {"Version": "26.1.5"}
    connection = client._connection
    assert client.delete("/networks/abc") is None
    assert client.get("/version")["Version"] == "26.1.5"
    assert client._connection is connection


def test_engine_errors_carry_status_and_message(api_socket):
    with pytest.raises(EngineAPIError, match=r"GET /networks/x: HTTP 404: network dockyard-missing not found") as err:
        EngineClient(api_socket).get("/networks/x")
    assert err.value.status == 404


def test_a_missing_socket_is_named(tmp_path):
    path = str(tmp_path / "nothing.sock")
    with pytest.raises(EngineAPIError, match="Docker socket %s does not exist: is the engine installed" % path):
        EngineClient(path).get("/version")


def test_a_socket_nobody_listens_on_says_dockerd_is_not_running(tmp_path):
    path = str(tmp_path / "dead.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(path)
    sock.close()
    with pytest.raises(EngineAPIError, match="cannot talk to dockerd on %s .*is dockerd running" % path):
        EngineClient(path).get("/version")
