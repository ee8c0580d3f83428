# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""daemon.json: merging, checking and classifying changes. Standard library only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

from ansible_collections.dockyard.docker_host.plugins.module_utils import daemon_schema
from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import (
    AddressPoolError,
    validate,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.control_chars import with_control
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_version import describe, parse_engine_version
from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import json_kind

# Keys dockerd applies on SIGHUP (daemon/reload.go, 20.10 and later); any other change needs a restart.
RELOADABLE_KEYS = frozenset((
    "authorization-plugins", "debug", "default-runtime", "insecure-registries", "labels", "live-restore",
    "max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts",
    "registry-mirrors", "runtimes", "shutdown-timeout",
))

# Reloadable keys dockerd's reload sets back to its default when daemon.json no longer holds them; a reload leaves
# every other reloadable key as dockerd runs it when the key is removed (it applies only keys the file sets).
RESET_BY_RELOAD = frozenset(("max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts"))
# dockerd's own values of those other keys on Linux (daemon/config): a key removed that held its default changes
# nothing dockerd runs.
RELOAD_DEFAULTS = {
    "authorization-plugins": [], "debug": False, "default-runtime": "runc", "insecure-registries": [], "labels": [],
    "live-restore": False, "registry-mirrors": [], "runtimes": {}, "shutdown-timeout": 15,
}

# Schemes dockerd accepts in hosts (opts/hosts.go); it compares them case-sensitively.
# The schemes dockerd serves the API on (opts.ValidateHost); ssh:// is a client scheme only.
HOST_SCHEMES = ("tcp", "unix", "fd", "npipe")


class DaemonConfigError(ValueError):
    """daemon.json content breaks a rule; ``problems`` lists every message."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(DaemonConfigError, self).__init__("; ".join(self.problems))


def load(text, path, advice=None):
    """The config in daemon.json's text, {} when it is empty or missing (None).

    DaemonConfigError names the file and what is wrong, followed by ``advice["json"]`` or
    ``advice["object"]`` (what the caller's user can do about it) when given.
    """
    advice = advice or {}
    if text is None or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError as error:
        raise DaemonConfigError(["%s is not valid JSON (%s)%s" % (path, error, advice.get("json", ""))])
    if not isinstance(value, dict):
        raise DaemonConfigError(["%s holds a JSON %s, not an object%s"
                                 % (path, json_kind(value), advice.get("object", ""))])
    return value


def parse_current(text, path):
    """Parse the current daemon.json text for a change; an empty or missing file is an empty config."""
    return load(text, path, {"json": "; fix it or use mode=replace", "object": "; use mode=replace"})


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


def with_defaults(current, new, defaults):
    """``new`` with ``defaults`` added as a group, where neither the host nor ``new`` sets any of their keys.

    A host whose daemon.json already holds those keys with other values keeps them (in replace mode too);
    a host whose keys equal ``defaults`` got them from here, so they stay.
    """
    if not defaults or any(key in new for key in defaults):
        return new
    held = dict((key, current[key]) for key in defaults if key in current)
    if held and held != defaults:
        return new
    result = copy.deepcopy(new)
    result.update(copy.deepcopy(defaults))
    return result


def changed_keys(old, new):
    """Top-level keys added, removed or changed, sorted."""
    return sorted(key for key in set(old) | set(new) if old.get(key) != new.get(key))


def restart_required(keys, old, new):
    """True when a changed key is one dockerd does not reload on SIGHUP, or one taken out of the config (``old`` to
    ``new``) from a value other than dockerd's default, which a reload would leave as dockerd runs it."""
    def kept_by_reload(key):
        return key not in new and key not in RESET_BY_RELOAD and old.get(key) != RELOAD_DEFAULTS.get(key)
    return any(key not in RELOADABLE_KEYS or kept_by_reload(key) for key in keys)


def _unknown(key, why, version):
    hint = daemon_schema.suggestion(key, version)
    return ("daemon.json key %s %s%s; dockerd (%s) refuses to start with it; fix the key, or set "
            "allow_unknown_keys if you know this engine takes it"
            % (key, why, " (did you mean %s?)" % hint if hint else "", describe(version)))


def _ignored(key, meant, version):
    instead = "; the daemon.json key is %s" % meant if meant else ""
    return ("daemon.json key %s is a dockerd flag name: dockerd (%s) takes it in daemon.json and ignores it, so it "
            "would change nothing%s" % (key, describe(version), instead))


def _name_problems(key, version, allow_unknown_keys):
    """What dockerd says of one name of the (flattened) file: nothing, ignored, or refused."""
    why = daemon_schema.known_on(key, version)
    if why is None:
        return []
    meant = daemon_schema.ignored_on(key, version)
    if meant is not None:
        return [_ignored(key, meant, version)]
    return [] if allow_unknown_keys else [_unknown(key, why, version)]


def _object_problems(key, value, version, allow_unknown_keys):
    """dockerd reads an object's keys as names, unless the key is one it decodes whole (log-opts, runtimes...)."""
    refused = [name for name in value
               if daemon_schema.known_on(name, version) is not None and daemon_schema.ignored_on(name, version) is None]
    why = daemon_schema.known_on(key, version)
    if why is None and daemon_schema.KEYS[key][0][0] != "struct":
        return daemon_schema.value_problems(key, value, version)
    if why is None:
        fields = daemon_schema.KEYS[key][0][1]
        problems = ["daemon.json key %s.%s is not a field of %s (it takes %s); dockerd (%s) %s"
                    % (key, name, key, ", ".join(sorted(fields)), describe(version),
                       "refuses to start with it" if name in refused else "ignores it")
                    for name in sorted(value, key=str) if str(name).lower() not in fields]
        return problems + daemon_schema.value_problems(key, value, version)
    if allow_unknown_keys:
        return []
    if refused:
        return [_unknown(key, why, version)]
    return ["daemon.json key %s %s; dockerd (%s) reads the keys inside it (%s) as options and takes nothing else "
            "from it; write them at the top level" % (key, why, describe(version), ", ".join(sorted(value)))]


def _key_problems(config, version, allow_unknown_keys):
    problems = []
    for key, value in sorted(config.items(), key=lambda item: str(item[0])):
        if isinstance(value, dict) and not daemon_schema.is_flat(key, version):
            problems.extend(_object_problems(key, value, version, allow_unknown_keys))
            continue
        named = _name_problems(key, version, allow_unknown_keys)
        if named:
            problems.extend(named)
        elif key in daemon_schema.KEYS:
            problems.extend(daemon_schema.value_problems(key, value, version))
    return problems


def _control_problems(config):
    return ["%s holds a control character in %r; remove it" % (("daemon.json " + where).strip(), text)
            for where, text in with_control(config)]


def parse_host(value):
    """``(scheme, address)`` of a hosts entry, read as dockerd reads it: trimmed, tcp when no scheme is given."""
    text = value.strip()
    if not text:
        return "unix", ""
    scheme, separator, address = text.partition("://")
    if not separator:
        return "tcp", text
    return scheme, address


def _hosts_problems(config, allow_insecure_tcp, version=None):
    hosts = config.get("hosts")
    if not isinstance(hosts, list):
        return []
    verified = config.get("tlsverify") is True and all(config.get(k) for k in ("tlscacert", "tlscert", "tlskey"))
    problems = []
    for host in hosts:
        if not isinstance(host, str):
            continue
        scheme, address = parse_host(host)
        if scheme not in HOST_SCHEMES:
            # Checked by Validate() from 23.0; engines before it fail to listen when they start.
            problems.append(
                "hosts entry %r has scheme %r, which dockerd refuses ('invalid bind address format'); "
                "use one of %s (lower case), for example unix:///var/run/docker.sock%s"
                % (host, scheme, ", ".join(s + "://" for s in HOST_SCHEMES),
                   daemon_schema.at_start(version, daemon_schema.V23)))
        elif scheme == "tcp" and not verified and not allow_insecure_tcp:
            problems.append(
                "hosts entry %r opens the Docker API on TCP (dockerd reads it as tcp://%s) without TLS client "
                "verification, which gives root on this host to anyone who reaches the port; set tlsverify with "
                "tlscacert, tlscert and tlskey, or allow_insecure_tcp if you really mean it" % (host, address))
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


def check(config, engine_version=None, allow_insecure_tcp=False, allow_unknown_keys=False):
    """Check a whole daemon.json; return warnings or raise DaemonConfigError with every problem."""
    try:
        version = parse_engine_version(engine_version)
    except ValueError as error:
        raise DaemonConfigError([str(error)])
    problems = _control_problems(config)
    if problems:
        raise DaemonConfigError(problems)
    problems = _key_problems(config, version, allow_unknown_keys) + _hosts_problems(config, allow_insecure_tcp, version)
    if not problems:
        problems = daemon_schema.tls_problems(config, version)
    pool_problems, warnings = _pool_problems(config, engine_version)
    problems.extend(pool_problems)
    if problems:
        raise DaemonConfigError(problems)
    return warnings


def render(config):
    """daemon.json text: sorted keys, two-space indent, final newline."""
    return json.dumps(config, indent=2, sort_keys=True) + "\n"
