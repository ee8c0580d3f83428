# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A minimal Docker Engine API client over the unix socket, standard library only.

Paths are unversioned, so any engine answers with its own API version.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import socket
import time

try:
    from http.client import HTTPConnection, HTTPException
    from urllib.parse import quote, urlencode
except ImportError:  # pragma: no cover - Python 2 controllers only
    from httplib import HTTPConnection, HTTPException  # type: ignore
    from urllib import quote, urlencode  # type: ignore

# An engine with 10,000 networks answers GET /networks with about 10 MB.
DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 * 1024
_CHUNK = 64 * 1024


class EngineAPIError(Exception):
    """The engine could not be reached, or refused a request."""

    def __init__(self, message, status=None):
        super(EngineAPIError, self).__init__(message)
        self.status = status


class _DeadlineSocket(socket.socket):
    """A socket whose every read and write ends by one deadline, however slowly the peer drips."""

    deadline = None

    def _remaining(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout("deadline passed")
        self.settimeout(left)

    def recv_into(self, *args, **kwargs):
        self._remaining()
        return socket.socket.recv_into(self, *args, **kwargs)

    def recv(self, *args, **kwargs):
        self._remaining()
        return socket.socket.recv(self, *args, **kwargs)

    def sendall(self, *args, **kwargs):
        self._remaining()
        return socket.socket.sendall(self, *args, **kwargs)


class _UnixHTTPConnection(HTTPConnection):
    def __init__(self, path, timeout):
        HTTPConnection.__init__(self, "localhost", timeout=timeout)
        self.socket_path = path
        self.deadline = None

    def connect(self):
        sock = _DeadlineSocket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.deadline = self.deadline
        sock.settimeout(max(self.deadline - time.monotonic(), 0.001))
        sock.connect(self.socket_path)
        self.sock = sock

    def start(self, deadline):
        self.deadline = deadline
        if self.sock is not None:
            self.sock.deadline = deadline


class EngineClient:
    """One keep-alive connection to dockerd's unix socket.

    Each request must be answered in whole within ``timeout`` seconds and with at most
    ``max_bytes`` of body; an answer that is not JSON is an error, never a traceback.
    """

    def __init__(self, socket_path="/var/run/docker.sock", timeout=60, max_bytes=DEFAULT_MAX_ANSWER_BYTES):
        self.socket_path = socket_path
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._connection = None

    def _connect(self):
        if not os.path.exists(self.socket_path):
            raise EngineAPIError(
                "Docker socket %s does not exist: is the engine installed and running, "
                "and is this the socket it listens on?" % self.socket_path
            )
        if self._connection is None:
            self._connection = _UnixHTTPConnection(self.socket_path, self.timeout)
        return self._connection

    def request(self, method, path, query=None, body=None):
        url = path + ("?" + urlencode(query) if query else "")
        headers = {"Host": "docker"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        connection = self._connect()
        connection.start(time.monotonic() + self.timeout)
        what = "%s %s" % (method, path)
        try:
            connection.request(method, url, body=payload, headers=headers)
            response = connection.getresponse()
            body = self._read(response, what)
        except socket.timeout:
            self.close()
            raise EngineAPIError("dockerd on %s did not answer %s within %s s" % (self.socket_path, what, self.timeout))
        except (socket.error, OSError, HTTPException) as exc:
            self.close()
            raise EngineAPIError(
                "cannot talk to dockerd on %s (%s: %s): is dockerd running?"
                % (self.socket_path, type(exc).__name__, exc)
            )
        if response.status >= 400:
            try:
                message = json.loads(body.decode("utf-8")).get("message", "")
            except (ValueError, AttributeError):
                message = body.decode("utf-8", "replace").strip()[:200]
            raise EngineAPIError("%s: HTTP %d: %s" % (what, response.status, message), response.status)
        if not body:
            return None
        try:
            return json.loads(body.decode("utf-8"))
        except ValueError as exc:
            raise EngineAPIError("%s: the engine's answer is not JSON (%s): %r" % (what, exc, body[:80]))

    def _read(self, response, what):
        chunks, size = [], 0
        while True:
            chunk = response.read(_CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                self.close()
                raise EngineAPIError("%s: the engine's answer is larger than %d bytes; refusing to read more"
                                     % (what, self.max_bytes))
            chunks.append(chunk)

    def get(self, path, query=None):
        return self.request("GET", path, query)

    def post(self, path, body=None):
        return self.request("POST", path, body=body if body is not None else {})

    def delete(self, path):
        return self.request("DELETE", path)

    def close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def quote_id(value):
    return quote(value, safe="")
