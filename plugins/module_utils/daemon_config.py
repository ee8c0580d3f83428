# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""daemon.json: merging, checking and classifying changes. Standard library only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import (
    AddressPoolError,
    validate,
)

BOOL, INT, STR, LIST, DICT = (bool,), (int,), (str,), (list,), (dict,)

# Types of the keys whose type dockerd checks; unknown keys are passed through.
KEY_TYPES = {
    "authorization-plugins": LIST, "bip": STR, "bridge": STR, "builder": DICT, "cgroup-parent": STR,
    "containerd": STR, "data-root": STR, "debug": BOOL, "default-address-pools": LIST,
    "default-cgroupns-mode": STR, "default-gateway": STR, "default-gateway-v6": STR, "default-runtime": STR,
    "default-shm-size": STR, "default-ulimits": DICT, "dns": LIST, "dns-opts": LIST, "dns-search": LIST,
    "exec-opts": LIST, "exec-root": STR, "experimental": BOOL, "features": DICT, "fixed-cidr": STR,
    "fixed-cidr-v6": STR, "group": STR, "hosts": LIST, "icc": BOOL, "init": BOOL, "insecure-registries": LIST,
    "ip": STR, "ip-forward": BOOL, "ip-masq": BOOL, "ip6tables": BOOL, "iptables": BOOL, "ipv6": BOOL,
    "labels": LIST, "live-restore": BOOL, "log-driver": STR, "log-level": STR, "log-opts": DICT,
    "max-concurrent-downloads": INT, "max-concurrent-uploads": INT, "max-download-attempts": INT, "mtu": INT,
    "no-new-privileges": BOOL, "pidfile": STR, "proxies": DICT, "registry-mirrors": LIST, "runtimes": DICT,
    "selinux-enabled": BOOL, "shutdown-timeout": INT, "storage-driver": STR, "storage-opts": LIST, "tls": BOOL,
    "tlscacert": STR, "tlscert": STR, "tlskey": STR, "tlsverify": BOOL, "userland-proxy": BOOL,
    "userns-remap": STR,
}

# Keys dockerd applies on SIGHUP (daemon/reload.go, 20.10 and later); any other change needs a restart.
RELOADABLE_KEYS = frozenset((
    "authorization-plugins", "debug", "default-runtime", "insecure-registries", "labels", "live-restore",
    "max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts",
    "registry-mirrors", "runtimes", "shutdown-timeout",
))

TYPE_NAMES = {BOOL: "a boolean", INT: "a whole number", STR: "a string", LIST: "a list", DICT: "a mapping"}


class DaemonConfigError(ValueError):
    """daemon.json content breaks a rule; ``problems`` lists every message."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(DaemonConfigError, self).__init__("; ".join(self.problems))


def parse_current(text, path):
    """Parse the current daemon.json text; an empty or missing file is an empty config."""
    if text is None or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError as error:
        raise DaemonConfigError(["%s is not valid JSON (%s); fix it or use mode=replace" % (path, error)])
    if not isinstance(value, dict):
        raise DaemonConfigError(["%s holds a JSON %s, not an object; use mode=replace" % (path, type(value).__name__)])
    return value


def merge(current, desired, mode="merge"):
    """Return the new config: ``desired`` over ``current``.

    merge: mappings merge key by key at every depth; any other value (lists
    included) replaces the old one whole; a key set to None is removed.
    replace: ``desired`` alone, without its None keys.
    """
    if mode not in ("merge", "replace"):
        raise DaemonConfigError(["mode %r must be merge or replace" % (mode,)])
    result = {} if mode == "replace" else copy.deepcopy(current)
    _merge_into(result, desired)
    return result


def _merge_into(target, desired):
    for key, value in desired.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge_into(target[key], value)
        elif isinstance(value, dict):
            target[key] = {}
            _merge_into(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def changed_keys(old, new):
    """Top-level keys added, removed or changed, sorted."""
    return sorted(key for key in set(old) | set(new) if old.get(key) != new.get(key))


def restart_required(keys):
    """True when a changed key is one dockerd does not reload on SIGHUP."""
    return any(key not in RELOADABLE_KEYS for key in keys)


def _type_problems(config):
    problems = []
    for key, value in sorted(config.items()):
        expected = KEY_TYPES.get(key)
        if expected is None:
            continue
        wrong_bool = expected == INT and isinstance(value, bool)
        if wrong_bool or not isinstance(value, expected):
            problems.append("daemon.json key %s must be %s, not %s %r" % (
                key, TYPE_NAMES[expected], type(value).__name__, value))
    return problems


def _hosts_problems(config, allow_insecure_tcp):
    hosts = config.get("hosts")
    if not isinstance(hosts, list):
        return []
    verified = config.get("tlsverify") is True and all(config.get(k) for k in ("tlscacert", "tlscert", "tlskey"))
    problems = []
    for host in hosts:
        if not isinstance(host, str):
            problems.append("hosts entry %r is not a string such as unix:///var/run/docker.sock" % (host,))
        elif host.startswith("tcp://") and not verified and not allow_insecure_tcp:
            problems.append(
                "hosts entry %s opens the Docker API on TCP without TLS client verification, which gives root on "
                "this host to anyone who reaches the port; set tlsverify with tlscacert, tlscert and tlskey, "
                "or allow_insecure_tcp if you really mean it" % host
            )
    return problems


def _pool_problems(config, engine_version):
    pools = config.get("default-address-pools")
    if not isinstance(pools, list):
        return [], []
    try:
        _normalized, warnings = validate(pools, engine_version=engine_version,
                                         default_bridge="bip" not in config, allow_public=False)
    except AddressPoolError as error:
        return ["default-address-pools: %s" % problem for problem in error.problems], []
    return [], warnings


def check(config, engine_version=None, allow_insecure_tcp=False):
    """Check a whole daemon.json; return warnings or raise DaemonConfigError with every problem."""
    problems = _type_problems(config) + _hosts_problems(config, allow_insecure_tcp)
    pool_problems, warnings = _pool_problems(config, engine_version)
    problems.extend(pool_problems)
    if problems:
        raise DaemonConfigError(problems)
    return warnings


def render(config):
    """daemon.json text: sorted keys, two-space indent, final newline."""
    return json.dumps(config, indent=2, sort_keys=True) + "\n"
