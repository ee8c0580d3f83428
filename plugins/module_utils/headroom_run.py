# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One headroom count of a Docker host: read the engine and the host, prune stale networks, report.

Shared by the pool_headroom module and the headroom watchdog on the host (run by systemd without
Ansible); standard library only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.dockyard.docker_host.plugins.module_utils import engine_answers
from ansible_collections.dockyard.docker_host.plugins.module_utils import rootless_engine
from ansible_collections.dockyard.docker_host.plugins.module_utils.daemon_config import DaemonConfigError, load
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import (
    EngineAPIError,
    EngineClient,
    quote_id,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom import (
    DEFAULT_STALE_PATTERNS,
    compile_patterns,
    containers_per_network,
    nameservers_from_resolv,
    network_subnets,
    parse_duration,
    pools_in_effect,
    report,
    routes_from_proc,
    stale_networks,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import read_file

DEFAULTS = {
    "socket": "/var/run/docker.sock",
    "daemon_json": "/etc/docker/daemon.json",
    "pools": None,
    "min_free_subnets": 0,
    "stale_after": "6h",
    "stale_patterns": list(DEFAULT_STALE_PATTERNS),
    "prune_stale": False,
    "proc_route": "/proc/net/route",
    "resolv_conf": "/etc/resolv.conf",
    "timeout": 60,
    "max_answer_bytes": 64 * 1024 * 1024,
    "user": "",
}


class Refused(Exception):
    """A clear reason to stop; nothing was removed after it."""


class PruneError(Exception):
    """Removing a stale network failed; ``pruned`` holds those removed before it."""

    def __init__(self, message, pruned):
        super(PruneError, self).__init__(message)
        self.pruned = pruned


def read_daemon_json(path):
    try:
        return load(read_file(path), path, {"object": ": daemon.json must be one JSON object"})
    except DaemonConfigError as exc:
        raise Refused(str(exc))


def still_unused(client, network):
    """A last look before removing: no endpoint may have appeared since the listing."""
    path = "/networks/" + quote_id(network["Id"])
    detail = engine_answers.network_detail(client.get(path), "GET " + path)
    return not detail.get("Containers")


def check_params(params):
    for name, least in (("min_free_subnets", 0), ("timeout", 1), ("max_answer_bytes", 1024)):
        if params[name] < least:
            raise Refused("%s %d is below %d: give %d or more" % (name, params[name], least, least))
    return parse_duration(params["stale_after"]), compile_patterns(params["stale_patterns"])


def read_engine(client):
    """Version, pools from /info, networks and containers per network, every field checked."""
    version = engine_answers.version_of(client.get("/version"))
    pools = engine_answers.info_pools(client.get("/info"))
    networks = engine_answers.networks(client.get("/networks"))
    attached = containers_per_network(engine_answers.containers(client.get("/containers/json", {"all": "1"})),
                                      networks)
    return version, pools, networks, attached


def prune(client, stale, check_mode):
    pruned = []
    for network in stale:
        try:
            if not still_unused(client, network):
                continue
            if not check_mode:
                client.delete("/networks/" + quote_id(network["Id"]))
        except EngineAPIError as exc:
            if exc.status == 404:
                continue
            raise PruneError("removing stale network %s: %s" % (network["Name"], exc), pruned)
        pruned.append(network["Name"])
    return pruned


def engine_settings(settings):
    """``settings`` for the system engine as given; for a user's rootless engine, the socket, daemon.json and
    routing table left at the system's moved to the user's (the routes of rootlesskit's namespace, where the
    engine's bridges live)."""
    try:
        user, moved = rootless_engine.for_user(settings)
    except rootless_engine.RootlessError as error:
        raise Refused(str(error))
    if user and moved["proc_route"] == DEFAULTS["proc_route"]:
        moved["proc_route"] = rootless_engine.proc_route(user)
        if not moved["proc_route"]:
            raise Refused("the rootless engine of %s does not run: %s names no running dockerd"
                          % (user["name"], rootless_engine.paths(user)["pid_file"]))
    return moved


def count(params, check_mode=False, now=None):
    """The headroom report for ``params`` (see DEFAULTS), stale networks pruned when asked."""
    settings = engine_settings(dict(DEFAULTS, **params))
    stale_after, patterns = check_params(settings)
    client = EngineClient(settings["socket"], timeout=settings["timeout"], max_bytes=settings["max_answer_bytes"])
    try:
        engine_version, info_pools, networks, attached = read_engine(client)
        pools, source = pools_in_effect(settings["pools"], read_daemon_json(settings["daemon_json"]), info_pools)
        reserved = routes_from_proc(read_file(settings["proc_route"]) or "", engine_version)
        reserved += nameservers_from_resolv(read_file(settings["resolv_conf"]) or "")
        stale = stale_networks(networks, attached, time.time() if now is None else now, stale_after, patterns)
        pruned = prune(client, stale, check_mode) if settings["prune_stale"] else []
    finally:
        client.close()

    gone = set(pruned)
    remaining = [n for n in networks if n.get("Name") not in gone]
    result = report(pools, remaining, reserved, attached)
    result.update(
        changed=bool(pruned),
        engine_version=engine_version,
        pools_source=source,
        reserved=reserved,
        stale=[{"name": n["Name"], "id": n["Id"], "created": n.get("Created"), "subnets": network_subnets(n)}
               for n in stale],
        pruned=pruned,
    )
    return result


def shortage(result, min_free_subnets):
    """Why the host is short of subnets, or "" when it has min_free_subnets or more free."""
    if result["free_ipv4"] >= min_free_subnets:
        return ""
    pools_text = ", ".join("%s size %d: %d free" % (p["base"], p["size"], p["free"]) for p in result["pools"])
    return ("only %d IPv4 subnets are free in the pools (%s), fewer than min_free_subnets %d: prune stale networks or add "
            "pool space before builds fail" % (result["free_ipv4"], pools_text, min_free_subnets))
