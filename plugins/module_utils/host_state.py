# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a Docker host has, parsed from the files and answers that say it. Standard library only.

apt sources (one-line and deb822), OpenPGP key fingerprints, dockerd's flags in the unit and
the daemon.json keys they stand for, dpkg's status, and swarm membership. Pure functions: the
docker_host_facts module does the reading.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import hashlib
import re
import shlex

DOCKER_REPOSITORY = "download.docker.com"

# dockerd flags whose daemon.json key is not the flag's name (opts and aliases in cmd/dockerd).
_FLAG_KEYS = {
    "-H": "hosts", "--host": "hosts", "-D": "debug", "-l": "log-level", "-G": "group", "-s": "storage-driver",
    "-p": "pidfile", "-b": "bridge", "--add-runtime": "runtimes", "--authorization-plugin": "authorization-plugins",
    "--cluster-store-opt": "cluster-store-opts", "--default-address-pool": "default-address-pools",
    "--default-ulimit": "default-ulimits", "--dns-opt": "dns-opts", "--exec-opt": "exec-opts",
    "--insecure-registry": "insecure-registries", "--label": "labels", "--log-opt": "log-opts",
    "--node-generic-resource": "node-generic-resources", "--registry-mirror": "registry-mirrors",
    "--storage-opt": "storage-opts", "--default-network-opt": "default-network-opts",
    "--host-gateway-ip": "host-gateway-ips", "--cdi-spec-dir": "cdi-spec-dirs",
}
# dockerd merges these from both places instead of refusing (skipDuplicates and the config file flag itself).
_NOT_CONFLICTING = frozenset(("runtimes", "config-file", "validate"))


class StateError(ValueError):
    """A file or answer that cannot be read as what it should be; the message names it."""


def _options(text):
    """apt one-line options ``[arch=amd64 signed-by=/k.asc]`` as a mapping."""
    found = {}
    for item in text.split():
        key, _sep, value = item.partition("=")
        found[key.lower()] = value
    return found


def parse_one_line_sources(text, path):
    """Entries of a ``.list`` file or sources.list."""
    entries = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.match(r"^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$", line)
        if not match:
            entries.append({"file": path, "line": number, "format": "one-line", "problem": "not an apt source line",
                            "types": [], "uris": [], "suites": [], "components": [], "signed_by": ""})
            continue
        options = _options(match.group(2) or "")
        entries.append({
            "file": path, "line": number, "format": "one-line", "types": [match.group(1)],
            "uris": [match.group(3)], "suites": [match.group(4)], "components": match.group(5).split(),
            "signed_by": options.get("signed-by", ""), "enabled": True,
        })
    return entries


def parse_deb822_sources(text, path):
    """Stanzas of a ``.sources`` file (deb822), with continuation lines."""
    entries = []
    for number, stanza in enumerate(re.split(r"\n\s*\n", text), 1):
        fields, current = {}, None
        for raw in stanza.splitlines():
            if raw.startswith("#"):
                continue
            if raw[:1] in (" ", "\t") and current:
                fields[current] += "\n" + raw.strip()
                continue
            key, sep, value = raw.partition(":")
            if sep:
                current = key.strip().lower()
                fields[current] = value.strip()
        if not fields:
            continue
        entries.append({
            "file": path, "line": number, "format": "deb822", "types": fields.get("types", "").split(),
            "uris": fields.get("uris", "").split(), "suites": fields.get("suites", "").split(),
            "components": fields.get("components", "").split(),
            "signed_by": fields.get("signed-by", "") if "\n" not in fields.get("signed-by", "") else "(inline key)",
            "enabled": fields.get("enabled", "yes").lower() not in ("no", "false", "0"),
        })
    return entries


def parse_sources(files):
    """Every apt source entry of ``{path: text}``: .list files one-line, .sources files deb822."""
    entries = []
    for path in sorted(files):
        parse = parse_deb822_sources if path.endswith(".sources") else parse_one_line_sources
        entries.extend(parse(files[path], path))
    return entries


def lists_age(refreshed, sources_changed, now):
    """Seconds since apt's lists were refreshed (``refreshed``, a time), or -1 when they never were or a source file
    changed after (``sources_changed``, the newest of their times): lists that do not reflect the sources are no
    lists to decide from, however recent."""
    if refreshed is None or (sources_changed is not None and sources_changed > refreshed):
        return -1
    return max(0, int(now - refreshed))


def _normalized_uri(uri):
    """The URI without scheme: a source written http:// for a cache points at the same repository."""
    return re.sub(r"^[a-z+]+://", "", uri.rstrip("/").lower())


def sources_for(entries, repository_urls):
    """The enabled entries that point at one of ``repository_urls`` (or at Docker's repository host)."""
    wanted = [_normalized_uri(url) for url in repository_urls if url]
    found = []
    for entry in entries:
        if not entry.get("enabled", True):
            continue
        for uri in entry["uris"]:
            normalized = _normalized_uri(uri)
            if DOCKER_REPOSITORY in normalized or any(normalized == url or normalized.startswith(url + "/")
                                                      for url in wanted):
                found.append(entry)
                break
    return found


def _dearmor(data):
    text = data.decode("ascii", "replace") if isinstance(data, bytes) else data
    if "-----BEGIN PGP PUBLIC KEY BLOCK-----" not in text:
        return data if isinstance(data, bytes) else text.encode("latin-1")
    body = text.split("-----BEGIN PGP PUBLIC KEY BLOCK-----", 1)[1].split("-----END PGP PUBLIC KEY BLOCK-----", 1)[0]
    lines = body.strip().splitlines()
    while lines and ":" in lines[0]:
        lines.pop(0)
    payload = [line.strip() for line in lines if line.strip() and not line.strip().startswith("=")]
    try:
        return base64.b64decode("".join(payload), validate=True)
    except (binascii.Error, ValueError):
        raise StateError("the key's ASCII armour is not valid base64")


def _packets(data):
    """(tag, body) of each OpenPGP packet, old and new formats."""
    position = 0
    while position < len(data):
        header = data[position]
        if not header & 0x80:
            raise StateError("byte %d is not an OpenPGP packet header" % position)
        if header & 0x40:
            tag = header & 0x3F
            first = data[position + 1]
            if first < 192:
                length, position = first, position + 2
            elif first < 224:
                length, position = ((first - 192) << 8) + data[position + 2] + 192, position + 3
            elif first == 255:
                length, position = int.from_bytes(data[position + 2:position + 6], "big"), position + 6
            else:
                raise StateError("partial-length OpenPGP packets are not used in keys")
        else:
            tag = (header >> 2) & 0x0F
            size = {0: 1, 1: 2, 2: 4}.get(header & 0x03)
            if size is None:
                raise StateError("indeterminate-length OpenPGP packets are not used in keys")
            length = int.from_bytes(data[position + 1:position + 1 + size], "big")
            position += 1 + size
        if position + length > len(data):
            raise StateError("the key file ends inside an OpenPGP packet")
        yield tag, data[position:position + length]
        position += length


def key_fingerprints(data):
    """Upper-case hex fingerprints of the primary keys (v4: SHA-1, v5/v6: SHA-256) in a key file."""
    raw = _dearmor(data)
    found = []
    try:
        for tag, body in _packets(raw):
            if tag != 6 or not body:
                continue
            version = body[0]
            if version == 4:
                digest = hashlib.sha1(b"\x99" + len(body).to_bytes(2, "big") + body).hexdigest()
            elif version in (5, 6):
                prefix = b"\x9a" if version == 5 else b"\x9b"
                digest = hashlib.sha256(prefix + len(body).to_bytes(4, "big") + body).hexdigest()
            else:
                continue
            found.append(digest.upper())
    except IndexError:
        raise StateError("the key file ends inside an OpenPGP packet")
    if not found:
        raise StateError("no OpenPGP public key in the file")
    return found


def normalize_fingerprint(value):
    return re.sub(r"\s+", "", str(value or "")).upper()


def parse_exec_start(value):
    """dockerd's argv from systemd's ExecStart property (``{ path=... ; argv[]=... ; ... }``)."""
    match = re.search(r"argv\[\]=([^;]*)", value or "")
    if not match:
        return []
    try:
        return shlex.split(match.group(1))
    except ValueError:
        return match.group(1).split()


def flags_as_keys(argv):
    """``{daemon.json key: flag as written, with its value}`` for dockerd's flags in ``argv`` that dockerd
    refuses to see twice. dockerd takes no positional arguments, so a word after a flag is its value."""
    keys = {}
    args = argv[1:]
    for index, item in enumerate(args):
        if not item.startswith("-"):
            continue
        flag = item.split("=", 1)[0]
        key = _FLAG_KEYS.get(flag) or (flag[2:] if flag.startswith("--") else None)
        if not key or key in _NOT_CONFLICTING:
            continue
        following = args[index + 1] if index + 1 < len(args) else ""
        written = item if "=" in item or not following or following.startswith("-") else item + " " + following
        keys[key] = keys[key] + ", " + written if key in keys else written
    return keys


def redact_credentials(value):
    """A copy with the user:password of every URL replaced, for results that are shown."""
    if isinstance(value, dict):
        return dict((key, redact_credentials(item)) for key, item in value.items())
    if isinstance(value, list):
        return [redact_credentials(item) for item in value]
    if isinstance(value, str):
        return re.sub(r"(://)[^/@\s]+@", r"\1********@", value)
    return value


def flag_conflicts(config_keys, flag_keys, where):
    """Messages for daemon.json keys also given as flags in the unit (dockerd refuses to start with both)."""
    return [
        "daemon.json key %s is also given as %s in docker.service's command (%s); dockerd refuses to start when a "
        "setting is given both ways ('the following directives are specified both as a flag and in the "
        "configuration file'); remove the flag from the unit or the key from daemon.json" % (key, flag_keys[key], where)
        for key in sorted(config_keys) if key in flag_keys
    ]


def parse_dpkg_status(text, names):
    """``{package: {version, held, installed}}`` for ``names`` from /var/lib/dpkg/status."""
    wanted = set(names)
    found = {}
    for stanza in text.split("\n\n"):
        fields = {}
        for line in stanza.splitlines():
            key, sep, value = line.partition(": ")
            if sep and not line.startswith(" "):
                fields[key] = value
        name = fields.get("Package")
        if name not in wanted:
            continue
        status = fields.get("Status", "").split()
        installed = len(status) == 3 and status[2] in ("installed", "half-configured", "unpacked")
        found[name] = {"version": fields.get("Version", "") if installed else "",
                       "installed": installed, "held": bool(status) and status[0] == "hold"}
    return found


def firewall_of(info):
    """The firewall backend dockerd uses, from GET /info (28.2 and later say it): ``iptables``,
    ``iptables+firewalld`` or ``nftables``; empty when the engine does not say."""
    backend = (info or {}).get("FirewallBackend")
    driver = backend.get("Driver") if isinstance(backend, dict) else None
    return {"backend": driver if isinstance(driver, str) else ""}


def swarm_of(info):
    """Swarm membership from GET /info: member, manager, node id, state, reachable manager addresses."""
    swarm = (info or {}).get("Swarm") or {}
    if not isinstance(swarm, dict):
        swarm = {}
    state = swarm.get("LocalNodeState") or "inactive"
    managers = [m.get("Addr") for m in swarm.get("RemoteManagers") or [] if isinstance(m, dict) and m.get("Addr")]
    return {
        "state": state if isinstance(state, str) else "inactive",
        "member": state in ("active", "pending", "locked"),
        "manager": swarm.get("ControlAvailable") is True,
        "node_id": swarm.get("NodeID") or "",
        "managers": managers,
    }
