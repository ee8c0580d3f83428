# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Known engine issues by version range, checked against a host before an engine changes.

An advisory is data: ``{id, title, engine: {min, below}, when, action: fail|warn, advice}``.
``engine`` bounds the target engine version (min inclusive, below exclusive; either may
be left out). ``when`` names a condition on what the host has, from CONDITIONS; none
means the version range alone applies.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import (
    PRECOMPUTED_SUBNETS_REFUSED_ABOVE,
    overlapping_pairs,
    parse_pools,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_version import parse_engine_version
from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import json_kind

ACTIONS = ("fail", "warn")


class AdvisoryError(ValueError):
    """An advisory that is not well formed; the message names it and the rule."""


def _pools(host):
    """The pools that parse, each on its own: one malformed pool must not hide another (fail closed)."""
    pools = (host.get("daemon_json") or {}).get("default-address-pools") or []
    if not isinstance(pools, list):
        raise AdvisoryError("host daemon_json default-address-pools is a %s, not a list; dockerd refuses it too: "
                            "fix daemon.json before the engine changes" % json_kind(pools))
    parsed = []
    for pool in pools:
        try:
            parsed.extend(parse_pools([pool]))
        except ValueError:
            continue
    return parsed


def _pool_over_2_20(host):
    return [str(p) for p in _pools(host) if p.subnet_count > PRECOMPUTED_SUBNETS_REFUSED_ABOVE]


def _ipv6_pool_size_64_or_less(host):
    return [str(p) for p in _pools(host) if p.one_network_before_27]


def _overlapping_pools(host):
    return ["%s and %s" % pair for pair in overlapping_pairs(_pools(host))]


def _nerdctl_in(low, below):
    def condition(host):
        version = parse_engine_version(host.get("nerdctl_version") or None)
        return ["nerdctl %d.%d.%d" % version] if version and low <= version < below else []
    return condition


def _gateway_routes(host):
    return list(host.get("gateway_routes") or [])


CONDITIONS = {
    "pool_over_2_20_subnets": _pool_over_2_20,
    "ipv6_pool_size_64_or_less": _ipv6_pool_size_64_or_less,
    "overlapping_pools": _overlapping_pools,
    "nerdctl_2_0_0_to_2_0_3": _nerdctl_in((2, 0, 0), (2, 0, 4)),
    "gateway_routes": _gateway_routes,
}


def _bound(advisory, key):
    value = (advisory.get("engine") or {}).get(key)
    try:
        return parse_engine_version(value) if value not in (None, "") else None
    except ValueError:
        raise AdvisoryError("advisory %s: engine.%s %r is not a version" % (advisory.get("id"), key, value))


def check_advisory(advisory):
    for key in ("id", "title", "action", "advice"):
        if not advisory.get(key):
            raise AdvisoryError("advisory %r has no %s; each needs id, title, action and advice" % (advisory.get("id"), key))
    if advisory["action"] not in ACTIONS:
        raise AdvisoryError("advisory %s: action %r is not one of %s" % (advisory["id"], advisory["action"], ", ".join(ACTIONS)))
    if advisory.get("when") and advisory["when"] not in CONDITIONS:
        raise AdvisoryError("advisory %s: condition %r is unknown; known: %s"
                            % (advisory["id"], advisory["when"], ", ".join(sorted(CONDITIONS))))
    low, below = _bound(advisory, "min"), _bound(advisory, "below")
    if low is not None and below is not None and low >= below:
        raise AdvisoryError("advisory %s: engine.min %s is not below engine.below %s, so it would match no engine"
                            % (advisory["id"], advisory["engine"]["min"], advisory["engine"]["below"]))


def matching(advisories, engine_version, host=None):
    """The advisories that apply to ``engine_version`` on a host, each with what matched.

    ``host`` may hold ``daemon_json`` (its parsed content), ``nerdctl_version`` and
    ``gateway_routes`` (non-default routes through a gateway).
    """
    host = host or {}
    if not isinstance(host, dict):
        raise AdvisoryError("host %r must be a mapping with daemon_json, nerdctl_version and gateway_routes" % (host,))
    daemon_json = host.get("daemon_json")
    if daemon_json is not None and not isinstance(daemon_json, dict):
        raise AdvisoryError("host daemon_json must be daemon.json's parsed object, not a JSON %s; daemon.json must "
                            "hold one JSON object" % json_kind(daemon_json))
    routes = host.get("gateway_routes")
    if routes is not None and not isinstance(routes, list):
        raise AdvisoryError("host gateway_routes %r must be a list of networks" % (routes,))
    if not isinstance(advisories, list):
        raise AdvisoryError("advisories must be a list, in the form of the docker_engine role's vars/advisories.yml")
    version = parse_engine_version(engine_version)
    if version is None:
        raise AdvisoryError("engine version %r is empty; the advisories need the version about to be installed"
                            % (engine_version,))
    found = []
    for advisory in advisories:
        if not isinstance(advisory, dict):
            raise AdvisoryError("advisory %r is not a mapping with id, title, action and advice" % (advisory,))
        check_advisory(advisory)
        low, below = _bound(advisory, "min"), _bound(advisory, "below")
        if (low and version < low) or (below and version >= below):
            continue
        evidence = CONDITIONS[advisory["when"]](host) if advisory.get("when") else ["engine %d.%d.%d" % version]
        if evidence:
            message = "%s [%s]: %s (%s). %s" % (
                advisory["action"].upper(), advisory["id"], advisory["title"], ", ".join(evidence), advisory["advice"]
            )
            found.append(dict(advisory, evidence=evidence, message=message))
    return found
