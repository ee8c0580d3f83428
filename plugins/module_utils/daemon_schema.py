# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""daemon.json as dockerd reads it on Linux, by engine version: which names it takes, the Go types it decodes the
values into, and the values its Validate() refuses.

dockerd reads daemon.json in three steps (moby daemon/config/config.go, getConflictFreeConfiguration and
Validate): (1) every top-level key whose value is an object is replaced by that object's keys, unless the key is
one of the "flat options" (log-opts, runtimes, ...); each resulting name must be a dockerd flag, a named option
(the plural spelling of a repeatable flag) or one of a few names it skips; (2) the file is decoded into typed Go
structs: a wrong type fails, null is a no-op, struct fields match case-insensitively and unknown fields inside
objects are dropped; (3) Validate() refuses some values. A name that passes (1) but has no field in (2), such
as the flag spellings ``label`` or ``registry-mirror``, is accepted and silently ignored.

The names and their version bounds were checked against the real dockerd of Debian's 20.10.24, 26.1.5 and 28.5.2
(tests/differential); each bound names the moby release that introduced or removed the name.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import ipaddress
import os
import pwd
import re

from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import json_kind, shown

# Go types: ("bool",), ("int",), ("string",), ("list", element), ("map", element), ("struct", {field: type}),
# ("any",). A struct's fields are matched case-insensitively, as encoding/json does.
BOOL = ("bool",)
INT = ("int",)
STR = ("string",)
ANY = ("any",)


def LIST(element):
    return ("list", element)


def MAP(element):
    return ("map", element)


def STRUCT(**fields):
    return ("struct", dict((name.replace("_", "-"), kind) for name, kind in fields.items()))


def STRUCT_OF(fields):
    return ("struct", fields)


STR_LIST = LIST(STR)
STR_MAP = MAP(STR)
INT64 = (-(1 << 63), (1 << 63) - 1)

V20_10 = (20, 10)
V23 = (23, 0)
V24 = (24, 0)
V25 = (25, 0)
V26 = (26, 0)
V27_3 = (27, 3)
V28 = (28, 0)
V28_2 = (28, 2)
V28_3 = (28, 3)
V29 = (29, 0)

POOL = STRUCT(base=STR, size=INT)
ULIMIT = STRUCT(Name=STR, Hard=INT, Soft=INT)
RUNTIME = STRUCT_OF({"path": STR, "runtimeargs": STR_LIST, "runtimetype": STR, "options": MAP(ANY)})
BUILDER_GC_RULE = STRUCT_OF({"all": BOOL, "filter": ANY, "keepstorage": STR})
BUILDER = STRUCT_OF({
    "gc": STRUCT_OF({"enabled": BOOL, "policy": LIST(BUILDER_GC_RULE), "defaultkeepstorage": STR}),
    "entitlements": STRUCT_OF({"network-host": BOOL, "security-insecure": BOOL}),
    "history": STRUCT_OF({"maxage": ANY, "maxentries": INT}),
})
PROXIES = STRUCT_OF({"http-proxy": STR, "https-proxy": STR, "no-proxy": STR})

# The daemon.json keys dockerd takes and decodes: KEY: (GO TYPE, SINCE, UNTIL), SINCE the first engine that takes
# the key, UNTIL the first that refuses it (None: no bound).
KEYS = {
    "allow-direct-routing": (BOOL, V28_2, None),          # moby 28.2.0
    "allow-nondistributable-artifacts": (STR_LIST, None, V28),  # deprecated and no longer read from moby 28.0.0
    "api-cors-header": (STR, None, None),                  # a non-empty value is refused from moby 28.0.0
    "authorization-plugins": (STR_LIST, None, None),
    "bip": (STR, None, None),
    "bip6": (STR, V28, None),                              # moby 28.0.0
    "bridge": (STR, None, None),
    "bridge-accept-fwmark": (STR, V29, None),              # moby 29.0.0
    "builder": (BUILDER, None, None),
    "cdi-spec-dirs": (STR_LIST, V25, None),                # moby 25.0.0
    "cgroup-parent": (STR, None, None),
    "cluster-advertise": (STR, None, V23),                 # removed in moby 23.0.0
    "cluster-store": (STR, None, V23),                     # removed in moby 23.0.0
    "cluster-store-opts": (STR_MAP, None, V23),            # removed in moby 23.0.0
    "containerd": (STR, None, None),
    "containerd-namespace": (STR, None, None),
    "cpu-rt-period": (INT, None, None),
    "cpu-rt-runtime": (INT, None, None),
    "cri-containerd": (BOOL, None, None),
    "data-root": (STR, None, None),
    "debug": (BOOL, None, None),
    "default-address-pools": (LIST(POOL), None, None),
    "default-cgroupns-mode": (STR, None, None),
    "default-gateway": (STR, None, None),
    "default-gateway-v6": (STR, None, None),
    "default-ipc-mode": (STR, None, None),
    "default-network-opts": (MAP(STR_MAP), V24, None),     # moby 24.0.0
    "default-runtime": (STR, None, None),
    "default-shm-size": (STR, None, None),
    "default-ulimits": (MAP(ULIMIT), None, None),
    "dns": (STR_LIST, None, None),
    "dns-opts": (STR_LIST, None, None),
    "dns-search": (STR_LIST, None, None),
    "exec-opts": (STR_LIST, None, None),
    "exec-root": (STR, None, None),
    "experimental": (BOOL, None, None),
    "features": (MAP(BOOL), None, None),
    "firewall-backend": (STR, V29, None),                  # moby 29.0.0
    "fixed-cidr": (STR, None, None),
    "fixed-cidr-v6": (STR, None, None),
    "graph": (STR, None, V23),                             # removed in moby 23.0.0
    "group": (STR, None, None),
    "host-gateway-ip": (STR, None, None),
    "host-gateway-ips": (STR_LIST, V28, None),             # moby 28.0.0
    "hosts": (STR_LIST, None, None),
    "icc": (BOOL, None, None),
    "init": (BOOL, None, None),
    "init-path": (STR, None, None),
    "insecure-registries": (STR_LIST, None, None),
    "ip": (STR, None, None),
    "ip-forward": (BOOL, None, None),
    "ip-forward-no-drop": (BOOL, V28, None),               # moby 28.0.0
    "ip-masq": (BOOL, None, None),
    "ip6tables": (BOOL, None, None),
    "iptables": (BOOL, None, None),
    "ipv6": (BOOL, None, None),
    "labels": (STR_LIST, None, None),
    "live-restore": (BOOL, None, None),
    "log-driver": (STR, None, None),
    "log-format": (STR, V25, None),                        # moby 25.0.0
    "log-level": (STR, None, None),
    "log-opts": (STR_MAP, None, None),
    "max-concurrent-downloads": (INT, None, None),
    "max-concurrent-uploads": (INT, None, None),
    "max-download-attempts": (INT, None, None),
    "metrics-addr": (STR, None, None),
    "mtu": (INT, None, None),
    "network-control-plane-mtu": (INT, None, None),
    "network-diagnostic-port": (INT, None, None),
    "no-new-privileges": (BOOL, None, None),
    "node-generic-resources": (STR_LIST, None, None),
    "oom-score-adjust": (INT, None, V26),                  # removed in moby 26.0.0
    "pidfile": (STR, None, None),
    "proxies": (PROXIES, V23, None),                       # moby 23.0.0 (its fields are the http-proxy... flags)
    "raw-logs": (BOOL, None, None),
    "registry-mirrors": (STR_LIST, None, None),
    "rootless": (BOOL, None, None),
    "runtimes": (MAP(RUNTIME), None, None),
    "seccomp-profile": (STR, None, None),
    "selinux-enabled": (BOOL, None, None),
    "shutdown-timeout": (INT, None, None),
    "storage-driver": (STR, None, None),
    "storage-opts": (STR_LIST, None, None),
    "swarm-default-advertise-addr": (STR, None, None),
    "tls": (BOOL, None, None),
    "tlscacert": (STR, None, None),
    "tlscert": (STR, None, None),
    "tlskey": (STR, None, None),
    "tlsverify": (BOOL, None, None),
    "userland-proxy": (BOOL, None, None),
    "userland-proxy-path": (STR, None, None),
    "userns-remap": (STR, None, None),
}

# Names dockerd takes (they are flags) but never reads from daemon.json: written there, they change nothing.
# NAME: (THE DAEMON.JSON KEY, SINCE, UNTIL).
IGNORED = {
    "add-runtime": ("runtimes", None, None),
    "allow-nondistributable-artifacts": ("", V28, None),   # moby 28.0.0 skips the name and reads nothing
    "authorization-plugin": ("authorization-plugins", None, None),
    "cdi-spec-dir": ("cdi-spec-dirs", V25, None),          # moby 25.0.0
    "cluster-store-opt": ("cluster-store-opts", None, V23),  # removed in moby 23.0.0
    "config-file": (None, None, None),
    # The flag's name; the config field is spelled containerd-plugin-namespace, a name dockerd refuses in the file.
    "containerd-plugins-namespace": ("", None, None),
    "default-address-pool": ("default-address-pools", None, None),
    "default-network-opt": ("default-network-opts", V24, None),  # moby 24.0.0
    "default-ulimit": ("default-ulimits", None, None),
    "deprecated-key-path": (None, None, None),
    "dns-opt": ("dns-opts", None, None),
    "exec-opt": ("exec-opts", None, None),
    "feature": ("features", V27_3, None),                  # moby 27.3.0
    "help": (None, None, None),
    "host": ("hosts", None, None),
    "http-proxy": ("proxies", V23, None),                  # moby 23.0.0
    "https-proxy": ("proxies", V23, None),                 # moby 23.0.0
    "insecure-registry": ("insecure-registries", None, None),
    "label": ("labels", None, None),
    "log-opt": ("log-opts", None, None),
    "no-proxy": ("proxies", V23, None),                    # moby 23.0.0
    "node-generic-resource": ("node-generic-resources", None, None),
    "registry-mirror": ("registry-mirrors", None, None),
    "restart": (None, None, None),
    "storage-opt": ("storage-opts", None, None),
    "validate": (None, V23, None),                         # moby 23.0.0
    "version": (None, None, None),
}

# Keys whose object values dockerd decodes whole; every other object is flattened into its keys (config.go).
# KEY: (SINCE, UNTIL), as the keys themselves came and went.
FLAT_OPTIONS = {
    "builder": (None, None), "cluster-store-opts": (None, V23), "default-network-opts": (V24, None),
    "default-ulimits": (None, None), "features": (None, None), "log-opts": (None, None), "runtimes": (None, None),
}
DESCRIPTIONS = {BOOL: "a boolean", INT: "a whole number", STR: "a string", STR_LIST: "a list of strings",
                STR_MAP: "a mapping of strings to strings", MAP(BOOL): "a mapping of names to booleans"}


def _version_text(version):
    return "%d.%d" % version[:2]


def _in_range(version, since, until):
    """None when ``version`` (a tuple, or None for unknown) is within [since, until), else why not."""
    if version is None:
        return None
    if since is not None and version[:2] < since:
        return "needs an engine of %s or later" % _version_text(since)
    if until is not None and version[:2] >= until:
        return "was removed in engine %s" % _version_text(until)
    return None


def known_on(key, version):
    """None when ``version`` decodes ``key`` from daemon.json, else why not."""
    entry = KEYS.get(key)
    if entry is None:
        return "is not a daemon.json key"
    return _in_range(version, entry[1], entry[2])


def ignored_on(name, version):
    """The daemon.json key a name dockerd takes but ignores stands for ('' when none), or None."""
    entry = IGNORED.get(name)
    if entry is None or _in_range(version, entry[1], entry[2]) is not None:
        return None
    return entry[0] or ""


def is_flat(key, version):
    """True when dockerd decodes this key's object whole instead of flattening it into names."""
    if key not in FLAT_OPTIONS:
        return False
    return _in_range(version, *FLAT_OPTIONS[key]) is None


def suggestion(key, version=None):
    """The key of this engine closest to a mistyped one, or None."""
    candidates = [name for name in KEYS if known_on(name, version) is None]
    normalized = key.replace("_", "-").lower() if isinstance(key, str) else ""
    if normalized in candidates and normalized != key:
        return normalized
    close = difflib.get_close_matches(normalized, candidates, n=1, cutoff=0.8)
    return close[0] if close else None


def _plain(kind):
    """The description of a type named as one value (scalars, lists and mappings of scalars), or None."""
    try:
        return DESCRIPTIONS.get(kind)
    except TypeError:  # a struct's fields are a dict
        return None


def describe(kind):
    if _plain(kind):
        return _plain(kind)
    if kind[0] == "list":
        return "a list of %s" % _plural(kind[1])
    if kind[0] == "map":
        return "a mapping of names to %s" % _plural(kind[1])
    if kind[0] == "struct":
        return "a mapping with the fields %s" % ", ".join(sorted(kind[1]))
    return "any JSON value"


def _plural(kind):
    text = describe(kind)
    return {"a boolean": "booleans", "a whole number": "whole numbers", "a string": "strings"}.get(
        text, text.replace("a mapping", "mappings", 1).replace("a list", "lists", 1))


def decode_problems(kind, value, where):
    """What Go's encoding/json refuses when it decodes ``value`` into ``kind`` (null decodes into anything)."""
    if value is None or kind == ANY:
        return []
    tag = kind[0]
    if tag == "bool":
        return [] if isinstance(value, bool) else [_mismatch(where, kind, value)]
    if tag == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return [_mismatch(where, kind, value)]
        if not INT64[0] <= value <= INT64[1]:
            return ["daemon.json key %s is %d, outside what dockerd reads (a 64-bit whole number)" % (where, value)]
        return []
    if tag == "string":
        return [] if isinstance(value, str) else [_mismatch(where, kind, value)]
    if tag == "list":
        if not isinstance(value, list):
            return [_mismatch(where, kind, value)]
        return _first_or_whole(where, kind, value, [
            decode_problems(kind[1], item, "%s[%d]" % (where, index)) for index, item in enumerate(value)])
    if tag == "map":
        if not isinstance(value, dict):
            return [_mismatch(where, kind, value)]
        return _first_or_whole(where, kind, value, [
            decode_problems(kind[1], item, "%s.%s" % (where, name)) for name, item in sorted(value.items())])
    if not isinstance(value, dict):
        return [_mismatch(where, kind, value)]
    fields = dict((name.lower(), field) for name, field in kind[1].items())
    problems = []
    for name, item in sorted(value.items()):
        field = fields.get(name.lower()) if isinstance(name, str) else None
        if field is not None:
            problems.extend(decode_problems(field, item, "%s.%s" % (where, name)))
    return problems


def _first_or_whole(where, kind, value, nested):
    """A list or mapping of plain values is named whole, as one value; deeper ones at the place that is wrong."""
    problems = [problem for problems in nested for problem in problems]
    if problems and _plain(kind):
        return [_mismatch(where, kind, value)]
    return problems


def _mismatch(where, kind, value):
    return "daemon.json key %s must be %s, not %s %s" % (where, describe(kind), json_kind(value), shown(value))


# What Validate() and the platform's validation refuse (config.go, config_linux.go, opts/), by version.
LOG_LEVELS = ("panic", "fatal", "error", "warn", "info", "debug", "trace")
LOG_FORMATS = ("text", "json")
IPC_MODES = ("private", "shareable")
CGROUPNS_MODES = ("private", "host")
DNS_SEARCH = re.compile(r"^(:?(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])\.)*"
                        r"([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\-]*[A-Za-z0-9])(\.?))$")
EXEC_OPTS = {"native.cgroupdriver": ("systemd", "cgroupfs")}


# go-units RAMInBytes: a number, an optional unit, an optional i and b.
SIZE = re.compile(r"^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$")


def _address(text):
    """An IP address as Go's net.ParseIP reads it: no zone, no brackets."""
    if "%" in text:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _strings(values):
    """A list of strings as Go decodes it: a null item is an empty string."""
    return ["" if item is None else item for item in values]


def _user_problem(remap):
    if remap in ("", "default"):
        return None
    name = remap.split(":")[0]
    try:
        pwd.getpwnam(name)
    except KeyError:
        if not name.isdigit():
            return "daemon.json key userns-remap names user %r, which this host does not have" % name
    return None


def _log_level_problem(level, version):
    if version is not None and version[:2] < V23:
        # logrus.ParseLevel on 20.10 also reads "warning".
        accepted = level.lower() in LOG_LEVELS + ("warning",)
    else:
        accepted = level.lower() in LOG_LEVELS
    if accepted:
        return None
    return "daemon.json key log-level %r is not a level dockerd knows; use one of %s" % (level, ", ".join(LOG_LEVELS))


def _label_problems(labels):
    problems, seen = [], {}
    for label in labels:
        if not isinstance(label, str):
            continue
        name, separator, value = label.partition("=")
        if not separator:
            problems.append("daemon.json key labels entry %r is not KEY=VALUE ('bad attribute format'); "
                            "write it as name=value" % label)
        elif name.startswith(("com.docker.", "io.docker.", "org.dockerproject.")):
            problems.append("daemon.json key labels entry %r uses a namespace reserved for Docker (com.docker.*, "
                            "io.docker.*, org.dockerproject.*); use your own prefix" % label)
        elif name in seen and seen[name] != value:
            problems.append("daemon.json key labels gives %s two values (%r and %r); dockerd refuses conflicting "
                            "labels" % (name, seen[name], value))
        seen.setdefault(name, value)
    return problems


def _mirror_problems(mirrors):
    """registry.ValidateMirror (28.0 and later): http or https, no query, fragment or credentials."""
    problems = []
    for mirror in mirrors:
        scheme, separator, rest = mirror.partition("://")
        if not separator or scheme not in ("http", "https"):
            problems.append("daemon.json key registry-mirrors entry %r needs the scheme http:// or https://" % mirror)
        elif "?" in rest or "#" in rest:
            problems.append("daemon.json key registry-mirrors entry %r has a query or fragment; dockerd refuses it"
                            % mirror)
        elif "@" in rest.split("/")[0]:
            problems.append("daemon.json key registry-mirrors entry has a user name or password, which dockerd "
                            "refuses in a mirror URL; give the mirror's credentials with docker login")
    return problems


def _gateway_problems(addresses):
    """At most one IPv4 and one IPv6 host gateway address (28.0 and later)."""
    versions = [address.version for address in (_address(text) for text in addresses) if address is not None]
    return ["daemon.json key host-gateway-ips holds %d IPv%d addresses; dockerd takes at most one of each"
            % (versions.count(family), family) for family in (4, 6) if versions.count(family) > 1]


def value_problems(key, value, version=None):
    """Messages for a value dockerd would refuse: its Go type first, then what Validate() checks."""
    problems = decode_problems(KEYS[key][0], value, key)
    if problems or value is None:
        return problems
    if KEYS[key][0] == STR_LIST:
        value = _strings(value)
    if key == "log-level" and value:
        problems.append(_log_level_problem(value, version))
    elif key == "log-format" and value and value not in LOG_FORMATS:
        problems.append("daemon.json key log-format %r is not text or json" % value)
    elif key in ("dns", "host-gateway-ips"):
        # Before moby 25.0.0 every entry went through ValidateIPAddress, an empty one too.
        problems.extend("daemon.json key %s entry %r is not an IP address" % (key, item)
                        for item in value if (item or not _since(version, V25)) and _address(item) is None)
        if key == "host-gateway-ips" and not problems:
            problems.extend(_gateway_problems(value))
    elif key in ("default-gateway", "default-gateway-v6", "ip", "host-gateway-ip") and value:
        if _address(value) is None:
            problems.append("daemon.json key %s %r is not an IP address" % (key, value))
    elif key == "dns-search":
        problems.extend("daemon.json key dns-search entry %r is not a valid domain" % item
                        for item in value if isinstance(item, str) and not _valid_domain(item))
    elif key == "labels":
        problems.extend(_label_problems(value))
    elif key == "max-download-attempts" and value <= 0 and not _since(version, V23):
        problems.append("daemon.json key max-download-attempts is %d; engines before 23.0 need 1 or more" % value)
    elif key in ("max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts") and value < 0:
        problems.append("daemon.json key %s is %d; it cannot be negative" % (key, value))
    elif key == "mtu" and value < 0:
        problems.append("daemon.json key mtu is %d; it cannot be negative%s" % (value, at_start(version, V23)))
    elif key == "network-diagnostic-port" and not 0 <= value <= 65535 and _since(version, V28):
        problems.append("daemon.json key network-diagnostic-port %d is not a port (0 to 65535)" % value)
    elif key == "default-ipc-mode" and value and value not in IPC_MODES:
        problems.append("daemon.json key default-ipc-mode %r is not one of %s" % (value, ", ".join(IPC_MODES)))
    elif key == "default-cgroupns-mode" and value and value not in CGROUPNS_MODES:
        problems.append("daemon.json key default-cgroupns-mode %r is not one of %s"
                        % (value, ", ".join(CGROUPNS_MODES)))
    elif key == "fixed-cidr-v6" and value:
        problems.extend(problem + at_start(version, V23) for problem in _network_problems(key, value, 6))
    elif key == "node-generic-resources":
        problems.extend("daemon.json key node-generic-resources entry %r is not NAME=VALUE" % item
                        for item in value if isinstance(item, str) and item.count("=") != 1)
    elif key == "api-cors-header" and value and (version is None or version[:2] >= V28):
        problems.append("daemon.json key api-cors-header was removed in engine 28.0 (dockerd refuses a value); use a "
                        "reverse proxy for CORS headers")
    elif key == "registry-mirrors":
        # Validate() checks mirrors from moby 28.3.0; earlier engines refuse the same when they start.
        problems.extend(problem + at_start(version, V28_3) for problem in _mirror_problems(value))
    elif key == "exec-opts":
        problems.extend(_exec_opt_problems(value, version))
    elif key == "default-shm-size" and not SIZE.match(value):
        problems.append("daemon.json key default-shm-size %r is not a size such as 64M or 1GB" % value)
    elif key == "userland-proxy-path" and value and not (os.path.isfile(value) and os.access(value, os.X_OK)):
        problems.append("daemon.json key userland-proxy-path %r is not an executable file on this host%s"
                        % (value, at_start(version, V23)))
    elif key == "tlsverify" and value is False:
        problems.append("daemon.json key tlsverify false still turns TLS on in dockerd (any tlsverify value does, and "
                        "dockerd then needs tlscert and tlskey); remove the key to leave TLS verification off")
    elif key == "userns-remap":
        missing = _user_problem(value)
        problems.append(missing and missing + at_start(version, V23))
    return [problem for problem in problems if problem]


def _since(version, release):
    """True when ``version`` is ``release`` or later, or unknown (the later engine's rules hold then)."""
    return version is None or version[:2] >= release


def at_start(version, release):
    """What engines before ``release`` check only when they start, said so (--validate came with 23.0)."""
    return "" if _since(version, release) else " (dockerd refuses it when it starts)"


# Where dockerd looks for TLS files a daemon.json does not name (DOCKER_CERT_PATH, root's ~/.docker).
TLS_DEFAULTS = {"tlscacert": "/root/.docker/ca.pem", "tlscert": "/root/.docker/cert.pem",
                "tlskey": "/root/.docker/key.pem"}


def tls_problems(config, version):
    """dockerd loads its key pair whenever tls is true or tlsverify is there at all, and the CA with tlsverify."""
    if config.get("tls") is not True and "tlsverify" not in config:
        return []
    needed = ["tlscert", "tlskey"] + (["tlscacert"] if config.get("tlsverify") is True else [])
    problems = []
    for key in needed:
        path = config.get(key) or TLS_DEFAULTS[key]
        if not isinstance(path, str) or not os.path.isfile(path):
            problems.append("daemon.json turns TLS on, and dockerd loads %s from %s, which is not a file on this host; "
                            "put the file there or set %s%s" % (key, path, key, at_start(version, V23)))
    return problems


def _valid_domain(text):
    return len(text.rstrip(".")) <= 255 and bool(DNS_SEARCH.match(text)) and not text.startswith(".")


def _network_problems(key, value, version):
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        return ["daemon.json key %s %r is not a network" % (key, value)]
    if network.version != version:
        return ["daemon.json key %s %r is not an IPv%d network" % (key, value, version)]
    return []


def _exec_opt_problems(options, version):
    """Validate() parses exec-opts from moby 28.0.0; a cgroup driver dockerd does not have fails at start."""
    problems = []
    for option in options:
        name, separator, value = option.partition("=")
        name, value = name.strip().lower(), value.strip()
        if not separator or not name or not value:
            if _since(version, V28):
                problems.append("daemon.json key exec-opts entry %r is not OPTION=VALUE" % option)
        elif name not in EXEC_OPTS:
            if _since(version, V28):
                problems.append("daemon.json key exec-opts entry %r: dockerd knows no exec option %s on Linux; it "
                                "takes %s" % (option, name, ", ".join(sorted(EXEC_OPTS))))
        elif value not in EXEC_OPTS[name]:
            problems.append("daemon.json key exec-opts entry %r: %s takes %s (dockerd refuses it when it starts)"
                            % (option, name, ", ".join(EXEC_OPTS[name])))
    return problems
