# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import AddressPoolError
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_networks import reserved_from_facts, reserved_from_ip

FACTS = {
    "interfaces": ["lo", "eth0", "wg0", "docker0", "br-3f2a", "veth12ab", "eth0.100"],
    "lo": {"device": "lo", "type": "loopback", "ipv4": {"address": "127.0.0.1", "netmask": "255.0.0.0"}},
    "eth0": {
        "device": "eth0",
        "type": "ether",
        "ipv4": {"address": "192.168.10.5", "netmask": "255.255.255.0", "network": "192.168.10.0"},
        "ipv4_secondaries": [{"address": "192.168.11.5", "netmask": "255.255.255.128"}],
        "ipv6": [
            {"address": "fe80::1", "prefix": "64", "scope": "link"},
            {"address": "fd12:3456:789a:1::5", "prefix": "64", "scope": "global"},
        ],
    },
    "wg0": {"device": "wg0", "type": "unknown", "ipv4": {"address": "10.8.0.2", "netmask": "255.255.0.0"}},
    "eth0_100": {"device": "eth0.100", "ipv4": {"address": "10.20.30.4", "netmask": "255.255.255.0"}},
    "docker0": {"device": "docker0", "type": "bridge", "ipv4": {"address": "172.17.0.1", "netmask": "255.255.0.0"}},
    "br_3f2a": {"device": "br-3f2a", "type": "bridge", "ipv4": {"address": "172.18.0.1", "netmask": "255.255.0.0"}},
    "veth12ab": {"device": "veth12ab", "type": "ether"},
    "default_ipv4": {"address": "192.168.10.5", "netmask": "255.255.255.0", "interface": "eth0", "gateway": "192.168.10.1"},
    "default_ipv6": {},
}


def test_facts_give_interface_and_route_networks_without_docker_ones():
    assert reserved_from_facts(FACTS) == [
        "10.8.0.0/16",
        "10.20.30.0/24",
        "192.168.10.0/24",
        "192.168.11.0/25",
        "fd12:3456:789a:1::/64",
    ]


def test_hostvars_form_with_prefix_is_accepted():
    hostvars = dict(("ansible_" + key, value) for key, value in FACTS.items())
    hostvars["inventory_hostname"] = "docker1"
    assert reserved_from_facts(hostvars) == reserved_from_facts(FACTS)
    assert reserved_from_facts({"ansible_facts": FACTS}) == reserved_from_facts(FACTS)


def test_routes_from_ip_json_and_extra_ranges_are_added_and_collapsed():
    routes = [
        {"dst": "default", "gateway": "192.168.10.1", "dev": "eth0"},
        {"dst": "10.99.0.0/16", "gateway": "10.8.0.1", "dev": "wg0"},
        {"dst": "10.99.1.0/24", "dev": "wg0"},
        {"dst": "172.17.0.0/16", "dev": "docker0"},
        {"dst": "10.100.0.7", "dev": "wg0"},
        "10.60.0.0/16",
    ]
    result = reserved_from_facts({}, routes=routes, extra=["10.50.0.0/16", "10.50.1.0/24"])
    assert result == ["10.50.0.0/16", "10.60.0.0/16", "10.99.0.0/16", "10.100.0.7/32"]


@pytest.mark.parametrize("args, kwargs, expected", [
    (("not facts",), {}, "facts must be a mapping (ansible_facts or hostvars), not a string"),
    (({},), {"routes": "10.0.0.0/8"}, "routes must be a list of CIDR strings"),
    (({},), {"routes": [{"dst": "nowhere"}]}, "routes entry 'nowhere' is not an IP network or address"),
    (({},), {"extra": ["10.0.0.0/33"]}, "extra entry '10.0.0.0/33' is not an IP network or address"),
])
def test_bad_input_is_refused(args, kwargs, expected):
    with pytest.raises(AddressPoolError) as caught:
        reserved_from_facts(*args, **kwargs)
    assert expected in str(caught.value)


IP_ADDRESSES = [
    {"ifname": "lo", "link_type": "loopback",
     "addr_info": [{"family": "inet", "local": "127.0.0.1", "prefixlen": 8, "scope": "host"}]},
    {"ifname": "eth0", "link_type": "ether", "addr_info": [
        {"family": "inet", "local": "192.168.10.5", "prefixlen": 24, "scope": "global"},
        {"family": "inet", "local": "192.168.11.5", "prefixlen": 25, "scope": "global", "secondary": True},
        {"family": "inet6", "local": "fe80::1", "prefixlen": 64, "scope": "link"},
        {"family": "inet6", "local": "fd12:3456:789a:1::5", "prefixlen": 64, "scope": "global"}]},
    {"ifname": "wg0", "link_type": "none",
     "addr_info": [{"family": "inet", "local": "10.8.0.2", "prefixlen": 16, "scope": "global"}]},
    {"ifname": "docker0", "link_type": "ether",
     "addr_info": [{"family": "inet", "local": "172.17.0.1", "prefixlen": 16, "scope": "global"}]},
    {"ifname": "br-3f2a", "addr_info": [{"family": "inet", "local": "172.18.0.1", "prefixlen": 16}]},
    {"ifname": "eth1", "addr_info": [{"family": "inet", "local": "not an address", "prefixlen": 24}, "junk"]},
    {"ifname": "eth2"},
    "junk",
]


def test_ip_json_gives_interface_networks_without_loopback_link_local_or_docker_ones():
    assert reserved_from_ip(IP_ADDRESSES) == [
        "10.8.0.0/16", "192.168.10.0/24", "192.168.11.0/25", "fd12:3456:789a:1::/64"]


def test_ip_json_with_routes_and_nameservers():
    routes = [{"dst": "default", "gateway": "192.168.10.1", "dev": "eth0"},
              {"dst": "10.99.0.0/16", "dev": "wg0"}, {"dst": "172.17.0.0/16", "dev": "docker0"}]
    assert reserved_from_ip(IP_ADDRESSES, routes, ["10.255.255.53/32"]) == [
        "10.8.0.0/16", "10.99.0.0/16", "10.255.255.53/32", "192.168.10.0/24", "192.168.11.0/25",
        "fd12:3456:789a:1::/64"]


def test_ip_json_that_is_not_a_list_gives_nothing_and_bad_routes_are_refused():
    assert reserved_from_ip({"ifname": "eth0"}) == []
    with pytest.raises(AddressPoolError, match="routes entry 'nowhere'"):
        reserved_from_ip([], [{"dst": "nowhere"}])
