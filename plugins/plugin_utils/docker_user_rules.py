# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An allow-list for Docker's published ports, as the DOCKER-USER chain that iptables-restore loads, or as a table of
its own for dockerd's nftables backend. Controller only.

dockerd sends every forwarded packet through DOCKER-USER before its own rules, and never flushes that chain. The
rules written here only ever RETURN (hand the packet on to Docker's rules) or DROP: a connection into a container
interface that did not come from a container interface is dropped unless its source is allowed for every published
port, or for the port it was addressed to. The port is the original destination (conntrack's, before Docker's
DNAT), which is the published port, also for packets routed straight to a container's address.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dockyard.docker_host.plugins.module_utils.ip_intervals import to_network

CHAIN = "DOCKER-USER"
NFT_TABLE = "dockyard_docker_firewall"
PROTOCOLS = ("tcp", "udp")
CONTAINER_INTERFACES = ("docker0", "br-+", "docker_gwbridge")
# Linux interface names: at most 15 characters, none of them blank or a slash; iptables adds a trailing + as a
# prefix match. Kept to what Docker and systemd-networkd name interfaces with, so nothing needs quoting.
_INTERFACE = re.compile(r"[A-Za-z0-9_.-]{1,15}\+?")
_PORT = re.compile(r"([0-9]{1,5})(?:-([0-9]{1,5}))?")


def _network(value, where):
    try:
        network = to_network(value)
    except ValueError as error:
        raise ValueError("%s: %r is not an IP network (host bits must be zero): %s" % (where, value, error))
    if network.prefixlen == 0:
        raise ValueError(
            "%s: %s is the default route, which holds every address: an allow-list of it lets everyone in; "
            "leave the port out of the allow-list to publish it to all" % (where, network))
    return network


def _networks(values, where):
    if not isinstance(values, (list, tuple)):
        raise ValueError("%s must be a list of networks, not %r" % (where, values))
    networks = []
    for value in values:
        network = _network(value, where)
        if network not in networks:
            networks.append(network)
    return networks


def _port(value, where):
    """A port or an ``N-M`` range as conntrack's ``--ctorigdstport`` takes it (``N:M``)."""
    match = _PORT.fullmatch(value) if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):
        first = last = value
    elif match:
        first = int(match.group(1))
        last = int(match.group(2) or first)
    else:
        raise ValueError("%s: port %r is not a port number or a range such as 8000-8099" % (where, value))
    if not 1 <= first <= last <= 65535:
        raise ValueError("%s: port %r is out of range: ports run from 1 to 65535, a range from low to high"
                         % (where, value))
    return str(first) if first == last else "%d:%d" % (first, last)


def _port_allows(ports):
    if not isinstance(ports, (list, tuple)):
        raise ValueError("ports must be a list of mappings with port, protocol and allowed, not %r" % (ports,))
    allows = []
    for index, entry in enumerate(ports):
        where = "ports[%d]" % index
        if not isinstance(entry, dict):
            raise ValueError("%s must be a mapping with port, protocol and allowed, not %r" % (where, entry))
        unknown = sorted(set(entry) - {"port", "protocol", "allowed"})
        if unknown:
            raise ValueError("%s: %s is not one of port, protocol, allowed" % (where, ", ".join(map(str, unknown))))
        if "port" not in entry or "allowed" not in entry:
            raise ValueError("%s needs port and allowed" % where)
        protocol = entry.get("protocol", "tcp")
        if protocol not in PROTOCOLS:
            raise ValueError("%s: protocol %r is not one of %s" % (where, protocol, ", ".join(PROTOCOLS)))
        networks = _networks(entry["allowed"], where + ".allowed")
        if not networks:
            raise ValueError("%s.allowed is empty: name the networks that may reach port %s" % (where, entry["port"]))
        allows.append((_port(entry["port"], where), protocol, networks))
    return allows


def _interfaces(values):
    if not isinstance(values, (list, tuple)) or not values:
        raise ValueError("container_interfaces must be a non-empty list of interface names, not %r" % (values,))
    for value in values:
        if not isinstance(value, str) or not _INTERFACE.fullmatch(value):
            raise ValueError(
                "container interface %r is not an interface name: 1 to 15 letters, digits, '_', '.' or '-', "
                "optionally ending in + (any interface whose name starts so)" % (value,))
    return list(values)


def _restore_text(version, allowed, port_allows, interfaces):
    rules = ["-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN"]
    rules += ["-i %s -j RETURN" % interface for interface in interfaces]
    rules += ["-s %s -j RETURN" % network for network in allowed if network.version == version]
    for port, protocol, networks in port_allows:
        rules += ["-s %s -p %s -m conntrack --ctorigdstport %s --ctdir ORIGINAL -j RETURN" % (network, protocol, port)
                  for network in networks if network.version == version]
    rules += ["-o %s -j DROP" % interface for interface in interfaces]
    rules.append("-j RETURN")
    # Declaring the chain makes iptables-restore --noflush empty it first, in the same commit as the new rules.
    return "\n".join(["*filter", ":%s - [0:0]" % CHAIN] + ["-A %s %s" % (CHAIN, rule) for rule in rules]
                     + ["COMMIT", ""])


def _nft_interface(interface):
    return '"%s"' % (interface[:-1] + "*" if interface.endswith("+") else interface)


def _nft_address(network):
    return "%s saddr %s" % ("ip" if network.version == 4 else "ip6", network)


def _nft_text(allowed, port_allows, interfaces):
    """The same rules for dockerd's nftables backend, which has no DOCKER-USER: a table of our own whose forward chain
    runs just before Docker's (priority filter - 1). Its ``accept`` hands the packet on to Docker's chains as RETURN
    does; its ``drop`` is final."""
    rules = ["ct state established,related accept"]
    rules += ["iifname %s accept" % _nft_interface(interface) for interface in interfaces]
    rules += ["%s accept" % _nft_address(network) for network in allowed]
    for port, protocol, networks in port_allows:
        port_range = port.replace(":", "-")
        rules += ["%s meta l4proto %s ct original proto-dst %s accept" % (_nft_address(network), protocol, port_range)
                  for network in networks]
    rules += ["oifname %s drop" % _nft_interface(interface) for interface in interfaces]
    # Declaring then deleting the table makes nft -f replace it whole, in one transaction, whether it existed or not.
    return "\n".join(["table inet %s" % NFT_TABLE, "delete table inet %s" % NFT_TABLE,
                      "table inet %s {" % NFT_TABLE, "\tchain forward {",
                      "\t\ttype filter hook forward priority filter - 1; policy accept;"]
                     + ["\t\t" + rule for rule in rules] + ["\t}", "}", ""])


def docker_user_rules(allowed, ports=(), container_interfaces=CONTAINER_INTERFACES):
    """``{"ipv4": text, "ipv6": text, "nftables": text}``: the DOCKER-USER chain for iptables-restore and
    ip6tables-restore, and the same allow-list as a table for ``nft -f`` (dockerd's nftables backend).

    ``allowed`` reach every published port; each of ``ports`` (``port``: a number or ``N-M``, ``protocol``: tcp or
    udp, ``allowed``: networks) adds networks for one port. Raises ValueError naming the bad value and the rule.
    """
    networks = _networks(allowed, "allowed")
    port_allows = _port_allows(list(ports))
    interfaces = _interfaces(container_interfaces)
    return {"ipv4": _restore_text(4, networks, port_allows, interfaces),
            "ipv6": _restore_text(6, networks, port_allows, interfaces),
            "nftables": _nft_text(networks, port_allows, interfaces)}
