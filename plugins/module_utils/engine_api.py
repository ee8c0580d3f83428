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

try:
    from http.client import HTTPConnection
    from urllib.parse import quote, urlencode
except ImportError:  # pragma: no cover - Python 2 controllers only
    from httplib import HTTPConnection  # type: ignore
    from urllib import quote, urlencode  # type: ignore


class EngineAPIError(Exception):
    """The engine could not be reached, or refused a request."""

    def __init__(self, message, status=None):
        super(EngineAPIError, self).__init__(message)
        self.status = status


class _UnixHTTPConnection(HTTPConnection):
    def __init__(self, path, timeout):
        HTTPConnection.__init__(self, "localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.socket_path)
        self.sock = sock


class EngineClient:
    """One keep-alive connection to dockerd's unix socket."""

    def __init__(self, socket_path="/var/run/docker.sock", timeout=60):
        self.socket_path = socket_path
        self.timeout = timeout
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
        try:
            connection.request(method, url, body=payload, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (socket.error, OSError) as exc:
            self.close()
            raise EngineAPIError(
                "cannot talk to dockerd on %s (%s): is dockerd running?" % (self.socket_path, exc)
            )
        if response.status >= 400:
            try:
                message = json.loads(body.decode("utf-8")).get("message", "")
            except ValueError:
                message = body.decode("utf-8", "replace").strip()
            raise EngineAPIError("%s %s: HTTP %d: %s" % (method, path, response.status, message), response.status)
        if not body:
            return None
        return json.loads(body.decode("utf-8"))

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
