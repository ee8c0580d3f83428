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


def _raw_server(tmp_path, serve):
    """A unix socket that answers every connection with ``serve(connection)``, in a thread."""
    path = str(tmp_path / "raw.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)

    def accept():
        connection, _address = listener.accept()
        connection.recv(65536)
        try:
            serve(connection)
        except OSError:
            pass
        connection.close()

    threading.Thread(target=accept, daemon=True).start()
    return listener, path


def test_a_dripping_engine_hits_the_overall_deadline(tmp_path):
    def drip(connection):
        for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"x" * 100:
            connection.sendall(bytes([byte]))
            stop.wait(0.25)

    stop = threading.Event()
    listener, path = _raw_server(tmp_path, drip)
    client = EngineClient(path, timeout=1)
    try:
        with pytest.raises(EngineAPIError, match=r"did not answer GET /version within 1 s"):
            client.get("/version")
    finally:
        stop.set()
        listener.close()


def test_an_oversized_answer_is_refused(tmp_path):
    def flood(connection):
        size = 4 * 1024 * 1024
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % size)
        connection.sendall(b"[" + b"1," * (size // 2 - 1) + b"]")

    listener, path = _raw_server(tmp_path, flood)
    client = EngineClient(path, timeout=30, max_bytes=1024 * 1024)
    try:
        with pytest.raises(EngineAPIError, match=r"GET /networks: the engine's answer is larger than 1048576 bytes"):
            client.get("/networks")
    finally:
        listener.close()


def test_a_broken_status_line_is_an_engine_error(tmp_path):
    listener, path = _raw_server(tmp_path, lambda connection: connection.sendall(b"garbage\r\n\r\n"))
    try:
        with pytest.raises(EngineAPIError, match=r"cannot talk to dockerd .*BadStatusLine"):
            EngineClient(path, timeout=5).get("/version")
    finally:
        listener.close()
