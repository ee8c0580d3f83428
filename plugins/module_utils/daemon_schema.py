# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The daemon.json keys dockerd knows on Linux, with their value types and the engines that know them.

Derived from the JSON tags of moby's daemon configuration structs (daemon/config/config.go,
config_linux.go, config_unix.go, registry options). dockerd refuses to start when daemon.json holds
a key it does not know or a value of the wrong type, and engines before 23.0 have no
``dockerd --validate`` to catch that first. Extend the table when an engine adds a key:
``KEY: (TYPE, SINCE, UNTIL)`` with SINCE the first engine that knows the key and UNTIL the
first that no longer does (None: no bound).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib

BOOL = "a boolean"
INT = "a whole number"
STR = "a string"
STR_LIST = "a list of strings"
STR_MAP = "a mapping of strings to strings"
BOOL_MAP = "a mapping of names to booleans"
MAP = "a mapping"
MAP_OF_MAPS = "a mapping of names to mappings"
LIST_OF_MAPS = "a list of mappings"

V23 = (23, 0)

KEYS = {
    # Common to every platform (config.go).
    "allow-nondistributable-artifacts": (STR_LIST, None, None),
    "api-cors-header": (STR, None, None),
    "authorization-plugins": (STR_LIST, None, None),
    "builder": (MAP, None, None),
    "cdi-spec-dirs": (STR_LIST, (25, 0), None),
    "cluster-advertise": (STR, None, V23),
    "cluster-store": (STR, None, V23),
    "cluster-store-opts": (STR_MAP, None, V23),
    "containerd": (STR, None, None),
    "containerd-namespace": (STR, None, None),
    "containerd-plugin-namespace": (STR, None, None),
    "cri-containerd": (BOOL, None, None),
    "data-root": (STR, None, None),
    "debug": (BOOL, None, None),
    "default-address-pools": (LIST_OF_MAPS, None, None),
    "default-network-opts": (MAP_OF_MAPS, (24, 0), None),
    "default-runtime": (STR, None, None),
    "dns": (STR_LIST, None, None),
    "dns-opts": (STR_LIST, None, None),
    "dns-search": (STR_LIST, None, None),
    "exec-opts": (STR_LIST, None, None),
    "exec-root": (STR, None, None),
    "experimental": (BOOL, None, None),
    "features": (BOOL_MAP, None, None),
    "firewall-backend": (STR, (28, 0), None),
    "graph": (STR, None, V23),
    "group": (STR, None, None),
    "host-gateway-ip": (STR, None, None),
    "host-gateway-ips": (STR_LIST, (28, 0), None),
    "hosts": (STR_LIST, None, None),
    "insecure-registries": (STR_LIST, None, None),
    "labels": (STR_LIST, None, None),
    "live-restore": (BOOL, None, None),
    "log-driver": (STR, None, None),
    "log-format": (STR, (25, 0), None),
    "log-level": (STR, None, None),
    "log-opts": (STR_MAP, None, None),
    "max-concurrent-downloads": (INT, None, None),
    "max-concurrent-uploads": (INT, None, None),
    "max-download-attempts": (INT, None, None),
    "metrics-addr": (STR, None, None),
    "network-control-plane-mtu": (INT, None, None),
    "network-diagnostic-port": (INT, None, None),
    "node-generic-resources": (STR_LIST, None, None),
    "pidfile": (STR, None, None),
    "proxies": (STR_MAP, V23, None),
    "raw-logs": (BOOL, None, None),
    "registry-mirrors": (STR_LIST, None, None),
    "shutdown-timeout": (INT, None, None),
    "storage-driver": (STR, None, None),
    "storage-opts": (STR_LIST, None, None),
    "swarm-default-advertise-addr": (STR, None, None),
    "swarm-raft-election-tick": (INT, None, None),
    "swarm-raft-heartbeat-tick": (INT, None, None),
    "tls": (BOOL, None, None),
    "tlscacert": (STR, None, None),
    "tlscert": (STR, None, None),
    "tlskey": (STR, None, None),
    "tlsverify": (BOOL, None, None),
    # Linux (config_linux.go, config_unix.go).
    "allow-direct-routing": (BOOL, (28, 0), None),
    "bip": (STR, None, None),
    "bip6": (STR, (28, 0), None),
    "bridge": (STR, None, None),
    "bridge-accept-fwmark": (STR, (28, 0), None),
    "cgroup-parent": (STR, None, None),
    "cpu-rt-period": (INT, None, None),
    "cpu-rt-runtime": (INT, None, None),
    "default-cgroupns-mode": (STR, None, None),
    "default-gateway": (STR, None, None),
    "default-gateway-v6": (STR, None, None),
    "default-init": (STR, V23, None),
    "default-ipc-mode": (STR, None, None),
    "default-shm-size": (STR, None, None),
    "default-ulimits": (MAP_OF_MAPS, None, None),
    "fixed-cidr": (STR, None, None),
    "fixed-cidr-v6": (STR, None, None),
    "icc": (BOOL, None, None),
    "init": (BOOL, None, None),
    "init-path": (STR, None, None),
    "ip": (STR, None, None),
    "ip-forward": (BOOL, None, None),
    "ip-forward-no-drop": (BOOL, (28, 0), None),
    "ip-masq": (BOOL, None, None),
    "ip6tables": (BOOL, None, None),
    "iptables": (BOOL, None, None),
    "ipv6": (BOOL, None, None),
    "mtu": (INT, None, None),
    "no-new-privileges": (BOOL, None, None),
    "oom-score-adjust": (INT, None, (25, 0)),
    "resolv-conf": (STR, None, None),
    "rootless": (BOOL, None, None),
    "runtimes": (MAP_OF_MAPS, None, None),
    "seccomp-profile": (STR, None, None),
    "selinux-enabled": (BOOL, None, None),
    "userland-proxy": (BOOL, None, None),
    "userland-proxy-path": (STR, None, None),
    "userns-remap": (STR, None, None),
}

# proxies is a struct with these fields only.
PROXY_KEYS = frozenset(("http-proxy", "https-proxy", "no-proxy"))


def _version_text(version):
    return "%d.%d" % version[:2]


def known_on(key, version):
    """None when ``version`` (a tuple, or None for unknown) knows ``key``, else why not."""
    entry = KEYS.get(key)
    if entry is None:
        return "is not a daemon.json key"
    _type, since, until = entry
    if version is None:
        return None
    if since is not None and version[:2] < since:
        return "needs an engine of %s or later" % _version_text(since)
    if until is not None and version[:2] >= until:
        return "was removed in engine %s" % _version_text(until)
    return None


def suggestion(key):
    """The known key closest to a mistyped one, or None."""
    normalized = key.replace("_", "-").lower() if isinstance(key, str) else ""
    if normalized in KEYS and normalized != key:
        return normalized
    close = difflib.get_close_matches(normalized, list(KEYS), n=1, cutoff=0.8)
    return close[0] if close else None


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _all_str(values):
    return all(isinstance(v, str) for v in values)


def type_ok(kind, value):
    """True when ``value`` has the JSON shape dockerd decodes for ``kind``."""
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == INT:
        return _is_int(value)
    if kind == STR:
        return isinstance(value, str)
    if kind == STR_LIST:
        return isinstance(value, list) and _all_str(value)
    if kind == STR_MAP:
        return isinstance(value, dict) and _all_str(value.values())
    if kind == BOOL_MAP:
        return isinstance(value, dict) and all(isinstance(v, bool) for v in value.values())
    if kind == MAP:
        return isinstance(value, dict)
    if kind == MAP_OF_MAPS:
        return isinstance(value, dict) and all(isinstance(v, dict) for v in value.values())
    if kind == LIST_OF_MAPS:
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    raise ValueError("unknown schema type %r" % (kind,))


def value_problems(key, value):
    """Messages for a value of a known key that dockerd would refuse to decode."""
    kind = KEYS[key][0]
    if not type_ok(kind, value):
        return ["daemon.json key %s must be %s, not %s %s" % (key, kind, _json_type(value), _short(value))]
    if key == "proxies":
        unknown = sorted(set(value) - PROXY_KEYS)
        if unknown:
            return ["daemon.json key proxies has unknown field(s) %s; it takes %s"
                    % (", ".join(unknown), ", ".join(sorted(PROXY_KEYS)))]
    return []


def _json_type(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "null" if value is None else type(value).__name__


def _short(value, limit=80):
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."
