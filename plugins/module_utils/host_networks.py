# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The networks a host must keep reaching, read from its gathered facts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import (
    AddressPoolError,
    parse_networks,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import json_kind

# Interfaces Docker creates itself; their networks come from the pools.
DOCKER_INTERFACES = ("docker0", "docker_gwbridge")
DOCKER_INTERFACE_PREFIXES = ("br-", "veth")


def is_docker_interface(name):
    return name in DOCKER_INTERFACES or name.startswith(DOCKER_INTERFACE_PREFIXES)


def _plain_facts(facts):
    if not isinstance(facts, dict):
        raise AddressPoolError(["facts must be a mapping (ansible_facts or hostvars), not a %s" % (json_kind(facts),)])
    if isinstance(facts.get("ansible_facts"), dict):
        return facts["ansible_facts"]
    return dict((key[len("ansible_"):] if key.startswith("ansible_") else key, value) for key, value in facts.items())


def _ipv4_networks(entry):
    for address in [entry.get("ipv4")] + list(entry.get("ipv4_secondaries") or []):
        if isinstance(address, dict) and address.get("address") and address.get("netmask"):
            yield ipaddress.ip_interface("%s/%s" % (address["address"], address["netmask"])).network


def _ipv6_networks(entry):
    addresses = entry.get("ipv6") or []
    if isinstance(addresses, dict):
        addresses = [addresses]
    for address in addresses:
        if isinstance(address, dict) and address.get("address") and address.get("scope") != "link":
            network = ipaddress.ip_interface("%s/%s" % (address["address"], address.get("prefix", 128))).network
            if not network.is_link_local:
                yield network


def _interface_networks(facts):
    networks = []
    for entry in facts.values():
        if not isinstance(entry, dict) or not isinstance(entry.get("device"), str):
            continue
        device = entry["device"]
        if device == "lo" or entry.get("type") == "loopback" or is_docker_interface(device):
            continue
        networks.extend(_ipv4_networks(entry))
        networks.extend(_ipv6_networks(entry))
    return networks


def _default_route_networks(facts):
    networks = []
    for key, family_networks in (("default_ipv4", _ipv4_networks), ("default_ipv6", _ipv6_networks)):
        route = facts.get(key)
        if isinstance(route, dict) and not is_docker_interface(str(route.get("interface", ""))):
            networks.extend(family_networks({"ipv4": route, "ipv6": [route]}))
    return networks


def _route_destinations(routes):
    """Destinations from ``ip -j route`` entries or plain CIDR strings, default routes left out."""
    if routes is None:
        return []
    if isinstance(routes, str) or not isinstance(routes, (list, tuple)):
        raise AddressPoolError(["routes must be a list of CIDR strings or 'ip -j route' entries, not %r" % (routes,)])
    destinations = []
    for route in routes:
        if isinstance(route, dict):
            if is_docker_interface(str(route.get("dev", ""))):
                continue
            route = route.get("dst")
        if route in (None, "default", "0.0.0.0/0", "::/0"):
            continue
        destinations.append(route)
    return parse_networks(destinations, "routes")


def _address_networks(interfaces):
    """Networks of the addresses in ``ip -j address show`` entries."""
    networks = []
    for entry in interfaces if isinstance(interfaces, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("ifname"), str):
            continue
        if entry["ifname"] == "lo" or entry.get("link_type") == "loopback" or is_docker_interface(entry["ifname"]):
            continue
        for address in entry.get("addr_info") or []:
            if not isinstance(address, dict) or address.get("family") not in ("inet", "inet6"):
                continue
            if address.get("scope") == "link":
                continue
            try:
                network = ipaddress.ip_interface("%s/%s" % (address.get("local"), address.get("prefixlen"))).network
            except ValueError:
                continue
            if not network.is_link_local:
                networks.append(network)
    return networks


def _collapsed(networks):
    result = []
    for version in (4, 6):
        family = [net for net in networks if net.version == version]
        result.extend(str(net) for net in ipaddress.collapse_addresses(family))
    return result


def reserved_from_ip(interfaces, routes=None, extra=None):
    """The sorted, collapsed networks of ``ip -j address show`` and ``ip -j route show``, plus ``extra``.

    Docker's own interfaces and routes are left out, as in ``reserved_from_facts``.
    """
    networks = _address_networks(interfaces) + _route_destinations(routes) + parse_networks(extra, "extra")
    return _collapsed(networks)


def reserved_from_facts(facts, routes=None, extra=None):
    """Return the sorted, collapsed networks a host uses, as CIDR strings.

    Taken from every interface's addresses and the default routes in the
    facts, plus ``routes`` (for example ``ip -j route`` output, which the
    facts lack) and ``extra`` site ranges. Networks on Docker's own interfaces
    (docker0, docker_gwbridge, br-*, veth*) are left out: they move with the pools.
    """
    plain = _plain_facts(facts)
    networks = _interface_networks(plain) + _default_route_networks(plain)
    networks += _route_destinations(routes) + parse_networks(extra, "extra")
    return _collapsed(networks)
