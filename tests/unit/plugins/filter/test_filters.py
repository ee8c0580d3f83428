# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filters are thin: they pass arguments through and turn core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import (
    fleet_address_pools,
    normalized_networks,
    pool_capacity,
    reserved_networks,
    safe_address_pools,
    validate_address_pools,
)

POOLS = [{"base": "172.30.0.0/16", "size": "24"}]


@pytest.mark.parametrize("module, name", [
    (validate_address_pools, "validate_address_pools"),
    (pool_capacity, "pool_capacity"),
    (safe_address_pools, "safe_address_pools"),
    (fleet_address_pools, "fleet_address_pools"),
    (reserved_networks, "reserved_networks"),
    (normalized_networks, "normalized_networks"),
])
def test_each_file_exports_its_filter(module, name):
    assert list(module.FilterModule().filters()) == [name]


def test_validate_returns_normalized_pools():
    assert validate_address_pools.validate_address_pools(POOLS, "28.5.2") == [{"base": "172.30.0.0/16", "size": 24}]


def test_validate_error_names_the_filter_and_rule():
    with pytest.raises(AnsibleFilterError, match=r"^validate_address_pools: no IPv4 pool in the list"):
        validate_address_pools.validate_address_pools([{"base": "fd00::/64", "size": 80}], "28.5.2")


def test_validate_passes_warnings_to_display(monkeypatch):
    seen = []
    monkeypatch.setattr(validate_address_pools.display, "warning", seen.append)
    validate_address_pools.validate_address_pools([{"base": "10.0.0.0/8", "size": 26}], "20.10.24")
    assert seen == [
        "validate_address_pools: pool 10.0.0.0/8 size 26 has 2^18 subnets; engine 20.10.24 precomputes them all "
        "at start-up (2^20 took 161 MB on 20.10)"
    ]


def test_capacity_and_errors():
    assert pool_capacity.pool_capacity(POOLS, ["172.30.0.0/24"])["free"] == 255
    with pytest.raises(AnsibleFilterError, match=r"^pool_capacity: used entry 'x' is not an IP network"):
        pool_capacity.pool_capacity(POOLS, ["x"])


def test_safe_pools_and_errors():
    assert safe_address_pools.safe_address_pools([], 16, 24, ["10.0.0.0/8"]) == [{"base": "10.0.0.0/20", "size": 24}]
    with pytest.raises(AnsibleFilterError, match=r"^safe_address_pools: only 0 free /24"):
        safe_address_pools.safe_address_pools(["10.0.0.0/8"], candidates=["10.0.0.0/8"])


def test_fleet_pools_and_errors():
    assert fleet_address_pools.fleet_address_pools(["a"], "10.9.0.0/16", 20) == {
        "a": [{"base": "10.9.0.0/20", "size": 24}]}
    with pytest.raises(AnsibleFilterError, match=r"^fleet_address_pools: supernet 10.9.0.0/20 is full"):
        fleet_address_pools.fleet_address_pools(["a", "b"], "10.9.0.0/20", 20)


def test_reserved_networks_and_errors():
    facts = {"eth0": {"device": "eth0", "ipv4": {"address": "10.1.2.3", "netmask": "255.255.255.0"}}}
    assert reserved_networks.reserved_networks(facts, extra=["10.7.0.0/16"]) == ["10.1.2.0/24", "10.7.0.0/16"]
    with pytest.raises(AnsibleFilterError, match=r"^reserved_networks: facts must be a mapping"):
        reserved_networks.reserved_networks(["eth0"])


def test_normalized_networks_and_errors():
    assert normalized_networks.normalized_networks(["10.1.2.3/24"], form="tcp_wrappers") == ["10.1.2.0/255.255.255.0"]
    with pytest.raises(AnsibleFilterError, match="normalized_networks: 'eth0' is not an IP address or network"):
        normalized_networks.normalized_networks(["eth0"])
