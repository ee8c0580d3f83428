# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How many networks a Docker host can still create, and which networks eat its pools.

Pure functions over what the Engine API, daemon.json, /proc/net/route and
resolv.conf say; standard library only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import re
import time

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import capacity, parse_pools
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_version import parse_engine_version
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_networks import is_docker_interface
from ansible_collections.dockyard.docker_host.plugins.module_utils.ip_intervals import interval, to_network

# dockerd's own local pools when daemon.json sets none (20.10 to today): 31 subnets.
ENGINE_DEFAULT_POOLS = (
    {"base": "172.17.0.0/16", "size": 16},
    {"base": "172.18.0.0/16", "size": 16},
    {"base": "172.19.0.0/16", "size": 16},
    {"base": "172.20.0.0/14", "size": 16},
    {"base": "172.24.0.0/14", "size": 16},
    {"base": "172.28.0.0/14", "size": 16},
    {"base": "192.168.0.0/16", "size": 20},
)

PREDEFINED_NETWORKS = frozenset(("bridge", "host", "none", "docker_gwbridge", "ingress"))

_PACK_NETWORK = r"^pack\.local-network-"  # pack >= 0.35
_GITLAB_RUNNER_NETWORK = r"^runner-.+-job-\d+-network$"  # GitLab Runner with FF_NETWORK_PER_BUILD

# Build tools that create a network per build and leave it behind when interrupted.
DEFAULT_STALE_PATTERNS = (
    _PACK_NETWORK,
    _GITLAB_RUNNER_NETWORK,
    "label:org.testcontainers",  # Testcontainers (when its reaper did not run)
)

_CREATORS = (
    ("pack", re.compile(_PACK_NETWORK)),
    ("gitlab-runner", re.compile(_GITLAB_RUNNER_NETWORK)),
    ("earthly", re.compile(r"earthly", re.I)),
)

# Engines before 20.10.15 skipped subnets overlapping any non-default IPv4 route;
# later ones only on-link routes.
_ALL_ROUTES_BEFORE = (20, 10, 15)

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_RFC3339 = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$")


class HeadroomError(ValueError):
    """Input the module cannot work with; the message names the value and the rule."""


def parse_duration(value):
    """Seconds from 90, "90", "90s", "30m", "6h", "2d" or "1w"."""
    match = _DURATION.match(str(value))
    if not match:
        raise HeadroomError(
            "stale_after %r is not a duration: give seconds or a number with s, m, h, d or w (e.g. 6h)" % (value,)
        )
    return int(match.group(1)) * _UNITS[match.group(2)]


def parse_created(value):
    """Epoch seconds from the engine's RFC 3339 timestamps (nanoseconds, Z or offset)."""
    match = _RFC3339.match(value or "")
    if not match:
        return None
    seconds = calendar.timegm(time.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S"))
    fraction = float("0" + match.group(2)) if match.group(2) else 0.0
    zone = match.group(3)
    if zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        seconds -= sign * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
    return seconds + fraction


def pools_in_effect(pools=None, daemon_json=None, info_pools=None):
    """(pools, source): the parameter, daemon.json, the engine's /info, or the engine's defaults."""
    if pools:
        return [p.as_dict() for p in parse_pools(pools)], "parameter"
    if daemon_json and daemon_json.get("default-address-pools"):
        return [p.as_dict() for p in parse_pools(daemon_json["default-address-pools"])], "daemon.json"
    if info_pools:
        converted = [{"base": p.get("Base"), "size": p.get("Size")} for p in info_pools]
        return [p.as_dict() for p in parse_pools(converted)], "engine"
    return [dict(p) for p in ENGINE_DEFAULT_POOLS], "engine defaults"


def routes_from_proc(text, engine_version=None):
    """IPv4 routes that make dockerd skip pool subnets, from /proc/net/route.

    On-link routes only (no gateway), except before 20.10.15, where every
    non-default route counted. Routes of Docker's own bridges are left out:
    their networks count as used already.
    """
    version = parse_engine_version(engine_version) if engine_version else None
    all_routes = version is not None and version < _ALL_ROUTES_BEFORE
    found = set()
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 8 or is_docker_interface(fields[0]):
            continue
        destination, gateway, mask = (_le_hex_to_int(fields[i]) for i in (1, 2, 7))
        if mask == 0 or (gateway != 0 and not all_routes):
            continue
        prefix = bin(mask).count("1")
        found.add("%s/%d" % (_int_to_ipv4(destination & mask), prefix))
    return sorted(found, key=lambda n: interval(to_network(n)))


def gateway_routes(text):
    """Destinations of the non-default IPv4 routes through a gateway, from /proc/net/route."""
    found = set()
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 8:
            continue
        try:
            destination, gateway, mask = (_le_hex_to_int(fields[i]) for i in (1, 2, 7))
        except (ValueError, OverflowError):
            continue
        if gateway and mask:
            found.add("%s/%d" % (_int_to_ipv4(destination & mask), bin(mask).count("1")))
    return sorted(found, key=lambda n: interval(to_network(n)))


def _le_hex_to_int(value):
    raw = int(value, 16)
    return int.from_bytes(raw.to_bytes(4, "little"), "big")


def _int_to_ipv4(value):
    return ".".join(str((value >> shift) & 255) for shift in (24, 16, 8, 0))


def nameservers_from_resolv(text):
    """Nameserver addresses as host networks (/32, /128): dockerd skips subnets holding them."""
    found = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0] == "nameserver":
            address = fields[1].split("%")[0]
            try:
                network = to_network(address, strict=False)
            except ValueError:
                continue
            found.append(str(network))
    return found


def network_subnets(network):
    ipam = network.get("IPAM") or {}
    return [c["Subnet"] for c in ipam.get("Config") or [] if c.get("Subnet")]


def creator(network):
    """Who made a network, as far as its name and labels tell."""
    labels = network.get("Labels") or {}
    name = network.get("Name", "")
    if name in PREDEFINED_NETWORKS:
        return "docker"
    if labels.get("com.docker.compose.project"):
        return "compose:" + labels["com.docker.compose.project"]
    if "org.testcontainers" in labels:
        return "testcontainers"
    for label, pattern in _CREATORS:
        if pattern.search(name):
            return label
    return "user"


def creator_counts(networks):
    """[[creator, networks]] most first, from report()'s network list; compose projects count as compose."""
    counts = {}
    for network in networks:
        name = str(network.get("creator") or "user").split(":", 1)[0] if isinstance(network, dict) else "user"
        counts[name] = counts.get(name, 0) + 1
    return sorted(([name, number] for name, number in counts.items()), key=lambda item: (-item[1], item[0]))


def compile_patterns(patterns):
    """Name regexes, or label:KEY / label:KEY=VALUE; errors name the bad pattern."""
    compiled = []
    for pattern in patterns:
        if pattern.startswith("label:"):
            key, _sep, value = pattern[len("label:"):].partition("=")
            if not key:
                raise HeadroomError("stale pattern %r names no label: write label:KEY or label:KEY=VALUE" % pattern)
            compiled.append(("label", key, value if _sep else None))
            continue
        try:
            compiled.append(("name", re.compile(pattern), None))
        except re.error as exc:
            raise HeadroomError("stale pattern %r is not a regular expression: %s" % (pattern, exc))
    return compiled


def matches(network, compiled):
    labels = network.get("Labels") or {}
    for kind, what, value in compiled:
        if kind == "name" and what.search(network.get("Name", "")):
            return True
        if kind == "label" and what in labels and (value is None or labels[what] == value):
            return True
    return False


def is_predefined(network):
    return network.get("Name") in PREDEFINED_NETWORKS or bool(network.get("Ingress"))


def stale_networks(networks, in_use, now, stale_after, compiled):
    """Networks no container uses, older than stale_after seconds, matching a pattern."""
    stale = []
    for network in networks:
        if is_predefined(network) or network.get("Id") in in_use or not matches(network, compiled):
            continue
        created = parse_created(network.get("Created"))
        if created is None or now - created < stale_after:
            continue
        stale.append(network)
    return stale


def report(pools, networks, reserved, in_use):
    """Per pool and in total: capacity, used (and by which networks), blocked by routes, free."""
    subnets = [(n, s) for n in networks for s in network_subnets(n)]
    counted = capacity(pools, used=[s for _n, s in subnets], reserved=reserved)
    parsed = [(n["Name"], to_network(s, strict=False)) for n, s in subnets]
    rows = []
    for row in counted["pools"]:
        pool = to_network(row["base"])
        users = sorted(set(name for name, subnet in parsed if subnet.version == pool.version and subnet.overlaps(pool)))
        rows.append({
            "base": row["base"],
            "size": row["size"],
            "total": row["total"],
            "used": row["used"],
            "used_by": users,
            "blocked": row["blocked"],
            "free": row["free"],
            "percent_used": percent(row["total"] - row["free"], row["total"]),
        })
    listed = [{
        "name": n.get("Name"),
        "id": n.get("Id"),
        "driver": n.get("Driver"),
        "subnets": network_subnets(n),
        "created": n.get("Created"),
        "creator": creator(n),
        "containers": in_use.get(n.get("Id"), 0),
    } for n in sorted(networks, key=lambda n: n.get("Name", ""))]
    return {
        "pools": rows,
        "total": counted["total"],
        "used": counted["used"],
        "blocked": counted["blocked"],
        "free": counted["free"],
        "free_ipv4": counted["ipv4"]["free"],
        "percent_used": percent(counted["total"] - counted["free"], counted["total"]),
        "networks": listed,
    }


def percent(part, whole):
    return round(100.0 * part / whole, 1) if whole else 0.0


def containers_per_network(containers, networks=()):
    """{network id: containers attached}, from GET /containers/json?all=1.

    Stopped containers count: they get their network back when started. A container
    that was created but never started has no NetworkID yet, only the network's name.
    """
    ids_by_name = dict((n.get("Name"), n.get("Id")) for n in networks)
    counts = {}
    for container in containers:
        attached = ((container.get("NetworkSettings") or {}).get("Networks") or {})
        for name, endpoint in attached.items():
            network_id = (endpoint or {}).get("NetworkID") or ids_by_name.get(name)
            if network_id:
                counts[network_id] = counts.get(network_id, 0) + 1
    return counts
