# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine API answers checked field by field before anything reads them. Standard library only.

An answer that is not what the Engine API documents (a proxy in the way, a broken or hostile
engine) becomes an EngineAPIError naming the request, the item and the field, never a traceback.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import EngineAPIError
from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import json_kind

_NAMES = {str: "a string", int: "a whole number", bool: "a boolean", dict: "an object", list: "a list"}


def _malformed(request, where, value, expected):
    shown = repr(value)
    return EngineAPIError("the engine's answer to %s is malformed: %s is %s %s, expected %s"
                          % (request, where, json_kind(value), shown[:60], expected))


def _field(request, item, key, kind, where, required=False):
    """item[key] when it has type ``kind``; None when absent or null and not required."""
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _malformed(request, "%s field %s" % (where, key), value, _NAMES[kind])
    return value


def _object(request, value, where):
    if not isinstance(value, dict):
        raise _malformed(request, where, value, "an object")
    return value


def _list(request, value, where="the answer"):
    if not isinstance(value, list):
        raise _malformed(request, where, value, "a list")
    return value


def _string_map(request, value, where):
    if value is None:
        return {}
    _object(request, value, where)
    for key, item in value.items():
        if not isinstance(item, str):
            raise _malformed(request, "%s entry %s" % (where, key), item, "a string")
    return value


def version_of(answer):
    """The engine version from GET /version ('' when it gives none)."""
    request = "GET /version"
    return _field(request, _object(request, answer, "the answer"), "Version", str, "the answer") or ""


def info_pools(answer):
    """DefaultAddressPools from GET /info, as [{Base, Size}], or None when the engine shows none."""
    request = "GET /info"
    pools = _field(request, _object(request, answer, "the answer"), "DefaultAddressPools", list, "the answer")
    if pools is None:
        return None
    for index, pool in enumerate(pools):
        where = "DefaultAddressPools item %d" % index
        _object(request, pool, where)
        _field(request, pool, "Base", str, where, required=True)
        _field(request, pool, "Size", int, where, required=True)
    return pools


def networks(answer):
    """GET /networks, each network checked: Name and Id strings, subnets strings, labels string to string."""
    request = "GET /networks"
    for index, network in enumerate(_list(request, answer)):
        where = "network %d" % index
        _object(request, network, where)
        _field(request, network, "Name", str, where, required=True)
        _field(request, network, "Id", str, where, required=True)
        for key in ("Created", "Driver"):
            _field(request, network, key, str, where)
        _field(request, network, "Ingress", bool, where)
        _string_map(request, network.get("Labels"), "%s field Labels" % where)
        ipam = _field(request, network, "IPAM", dict, where) or {}
        for position, config in enumerate(_field(request, ipam, "Config", list, where + " IPAM") or []):
            config_where = "%s IPAM.Config item %d" % (where, position)
            _object(request, config, config_where)
            _field(request, config, "Subnet", str, config_where)
    return answer


def containers(answer):
    """GET /containers/json, each container's network endpoints checked."""
    request = "GET /containers/json"
    for index, container in enumerate(_list(request, answer)):
        where = "container %d" % index
        _object(request, container, where)
        settings = _field(request, container, "NetworkSettings", dict, where) or {}
        attached = _field(request, settings, "Networks", dict, where + " NetworkSettings") or {}
        for name, endpoint in attached.items():
            endpoint_where = "%s network %s" % (where, name)
            if endpoint is not None:
                _object(request, endpoint, endpoint_where)
                _field(request, endpoint, "NetworkID", str, endpoint_where)
    return answer


def network_detail(answer, request):
    """GET /networks/ID: the network's object, with Containers an object when present."""
    _object(request, answer, "the answer")
    _field(request, answer, "Containers", dict, "the answer")
    return answer
