# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Networks written the way a consumer's configuration file wants them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockyard.docker_host.plugins.module_utils.ip_intervals import to_network

FORMS = ("cidr", "tcp_wrappers")


def _cidr(network):
    return network.with_prefixlen


def _tcp_wrappers(network):
    # tcp wrappers (apt-cacher-ng's allowed clients) read IPv4 as address/mask, IPv6 as [address]/prefix.
    if network.version == 6:
        return "[%s]/%d" % (network.network_address, network.prefixlen)
    if network.prefixlen == 32:
        return str(network.network_address)
    return network.with_netmask


def _from_facts(address):
    """An interface's address as facts give it (``default_ipv4``: address and netmask)."""
    if not isinstance(address.get("address"), str) or not isinstance(address.get("netmask"), str):
        raise ValueError("%r is not an address as facts give it (address and netmask)" % (address,))
    return "%s/%s" % (address["address"], address["netmask"])


_WRITERS = {"cidr": _cidr, "tcp_wrappers": _tcp_wrappers}


def normalized_networks(values, form="cidr"):
    """Each address or network once, as its network in ``form``; host bits and netmasks are accepted."""
    if form not in _WRITERS:
        raise ValueError("form %r is not one of %s" % (form, ", ".join(FORMS)))
    if not isinstance(values, (list, tuple)):
        raise ValueError("%r is not a list of networks" % (values,))
    written = []
    for value in values:
        if isinstance(value, dict):
            value = _from_facts(value)
        try:
            network = to_network(value, strict=False)
        except ValueError as error:
            raise ValueError("%r is not an IP address or network: %s" % (value, error))
        text = _WRITERS[form](network)
        if text not in written:
            written.append(text)
    return written
