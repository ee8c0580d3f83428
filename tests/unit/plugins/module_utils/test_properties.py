# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property tests: the interval arithmetic agrees with brute force on small spaces."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from hypothesis import assume, given, settings, strategies as st

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import (
    AddressPoolError,
    capacity,
)
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.pool_planning import (
    fleet_pools,
    safe_pools,
)

SPACE = ipaddress.ip_network("10.20.0.0/16")


@st.composite
def networks_in(draw, space=SPACE, shortest=16, longest=32):
    prefix = draw(st.integers(min_value=max(shortest, space.prefixlen), max_value=longest))
    offset = draw(st.integers(min_value=0, max_value=space.num_addresses - 1))
    address = ipaddress.ip_address(int(space.network_address) + offset)
    return str(ipaddress.ip_network("%s/%d" % (address, prefix), strict=False))


@st.composite
def pools_in(draw):
    base_prefix = draw(st.integers(min_value=16, max_value=26))
    size = draw(st.integers(min_value=base_prefix, max_value=min(base_prefix + 10, 30)))
    base = draw(networks_in(shortest=base_prefix, longest=base_prefix))
    return {"base": base, "size": size}


def brute_force(pool, used, reserved):
    subnets = list(ipaddress.ip_network(pool["base"]).subnets(new_prefix=pool["size"]))
    used_nets = [ipaddress.ip_network(n) for n in used]
    reserved_nets = [ipaddress.ip_network(n) for n in reserved]
    used_count = sum(1 for s in subnets if any(s.overlaps(n) for n in used_nets))
    blocked = sum(1 for s in subnets if any(s.overlaps(n) for n in used_nets + reserved_nets))
    return len(subnets), used_count, blocked


@settings(max_examples=300, deadline=None)
@given(pools_in(), st.lists(networks_in(), max_size=8), st.lists(networks_in(), max_size=8))
def test_capacity_equals_brute_force_count(pool, used, reserved):
    row = capacity([pool], used=used, reserved=reserved)["pools"][0]
    total, used_count, blocked = brute_force(pool, used, reserved)
    assert (row["total"], row["used"], row["taken"], row["free"]) == (total, used_count, blocked, total - blocked)
    assert row["blocked"] == blocked - used_count


@settings(max_examples=300, deadline=None)
@given(st.lists(networks_in(), max_size=12), st.integers(min_value=1, max_value=200),
       st.integers(min_value=18, max_value=28))
def test_safe_pools_never_overlap_reserved_and_hold_enough(reserved, subnets, size):
    try:
        pools = safe_pools(reserved, subnets=subnets, size=size, candidates=[str(SPACE)])
    except AddressPoolError as error:
        assert "asked for" in str(error)
        free = sum(1 for s in SPACE.subnets(new_prefix=size)
                   if not any(s.overlaps(ipaddress.ip_network(r)) for r in reserved))
        assert ("only %d free" % free) in str(error)
        assert free < subnets
        return
    networks = [ipaddress.ip_network(pool["base"]) for pool in pools]
    for network in networks:
        assert network.subnet_of(SPACE)
        assert not any(network.overlaps(ipaddress.ip_network(r)) for r in reserved)
    for index, network in enumerate(networks):
        assert not any(network.overlaps(other) for other in networks[index + 1:])
    assert sum(2 ** (size - n.prefixlen) for n in networks) >= subnets
    assert safe_pools(reserved, subnets=subnets, size=size, candidates=[str(SPACE)]) == pools


@settings(max_examples=300, deadline=None)
@given(st.lists(networks_in(shortest=16, longest=22), min_size=1, max_size=4), st.lists(networks_in(), max_size=6),
       st.integers(min_value=1, max_value=400))
def test_overlapping_candidates_never_give_overlapping_pools_or_count_space_twice(candidates, reserved, subnets):
    try:
        pools = safe_pools(reserved, subnets=subnets, size=24, candidates=candidates)
    except AddressPoolError as error:
        assert "asked for" in str(error)
        return
    networks = [ipaddress.ip_network(pool["base"]) for pool in pools]
    for index, network in enumerate(networks):
        assert not any(network.overlaps(other) for other in networks[index + 1:])
    assert capacity(pools, reserved=reserved)["free"] >= subnets


def _blocks(result):
    return [(host, ipaddress.ip_network(pool["base"])) for host, pools in result.items() for pool in pools]


host_names = st.lists(st.sampled_from(["h%d" % i for i in range(24)]), min_size=1, max_size=16, unique=True)


@settings(max_examples=200, deadline=None)
@given(host_names, host_names, st.integers(min_value=18, max_value=22))
def test_fleet_allocations_are_disjoint_and_keep_existing(first_hosts, second_hosts, host_prefix):
    supernet = "10.20.0.0/16"
    try:
        first = fleet_pools(first_hosts, supernet, host_prefix)
    except AddressPoolError:
        assume(False)
    existing = dict((host, pools) for host, pools in first.items() if host in second_hosts)
    try:
        second = fleet_pools(second_hosts, supernet, host_prefix, existing=first)
    except AddressPoolError as error:
        assert "is full" in str(error)
        assert len(second_hosts) > 2 ** (host_prefix - 16)
        return
    assert list(second) == list(dict.fromkeys(second_hosts))
    for host, pools in existing.items():
        assert second[host] == pools
    blocks = _blocks(second)
    for index, (host, network) in enumerate(blocks):
        assert network.prefixlen == host_prefix
        for other_host, other in blocks[index + 1:]:
            assert not network.overlaps(other), (host, other_host)


@settings(max_examples=300, deadline=None)
@given(st.lists(pools_in(), min_size=1, max_size=4), st.lists(networks_in(), max_size=6))
def test_overlapping_pools_never_count_an_address_twice(pools, used):
    counted = capacity(pools, used=used)
    used_nets = [ipaddress.ip_network(n) for n in used]
    earlier, total, free = [], 0, 0
    for pool, row in zip(pools, counted["pools"]):
        subnets = [s for s in ipaddress.ip_network(pool["base"]).subnets(new_prefix=pool["size"])
                   if not any(s.overlaps(e) for e in earlier)]
        expected_free = sum(1 for s in subnets if not any(s.overlaps(n) for n in used_nets))
        assert (row["total"], row["free"]) == (len(subnets), expected_free)
        total, free = total + len(subnets), free + expected_free
        earlier.append(ipaddress.ip_network(pool["base"]))
    assert (counted["total"], counted["free"]) == (total, free)
