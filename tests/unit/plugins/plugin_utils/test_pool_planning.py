# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import (
    AddressPoolError,
    capacity,
    validate,
)
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.pool_planning import (
    fleet_pools,
    safe_pools,
    ula_network,
)


def problems_of(call, *args, **kwargs):
    with pytest.raises(AddressPoolError) as caught:
        call(*args, **kwargs)
    return caught.value.problems


def test_one_pool_when_a_block_fits():
    assert safe_pools([]) == [{"base": "172.16.0.0/16", "size": 24}]


def test_reserved_networks_are_skipped():
    pools = safe_pools(["172.16.0.0/16", "172.17.5.0/24"], subnets=256, size=24)
    assert pools == [{"base": "172.18.0.0/16", "size": 24}]


def test_candidate_order_is_preference_order():
    pools = safe_pools([], subnets=16, size=24, candidates=["192.168.0.0/16", "10.0.0.0/8"])
    assert pools == [{"base": "192.168.0.0/20", "size": 24}]


def test_subnet_count_rounds_up_to_power_of_two():
    pools = safe_pools([], subnets=300, size=24, candidates=["10.0.0.0/8"])
    assert pools == [{"base": "10.0.0.0/15", "size": 24}]


def test_fragmented_space_combines_largest_blocks_first():
    # 10.0.0.0/22 with 10.0.1.0/24 reserved leaves one /24 and one /23.
    pools = safe_pools(["10.0.1.0/24"], subnets=3, size=24, candidates=["10.0.0.0/22"])
    assert pools == [{"base": "10.0.0.0/24", "size": 24}, {"base": "10.0.2.0/23", "size": 24}]
    result = capacity(pools, reserved=["10.0.1.0/24"])
    assert result["free"] == 3


def test_last_combined_block_shrinks_to_what_is_needed():
    # Free: 10.0.0.0/23 and 10.0.4.0/22; 5 subnets: the /22 (4) plus one /24 of the /23.
    pools = safe_pools(["10.0.2.0/23"], subnets=5, size=24, candidates=["10.0.0.0/21"])
    assert pools == [{"base": "10.0.0.0/24", "size": 24}, {"base": "10.0.4.0/22", "size": 24}]


def test_impossible_request_says_how_many_were_found():
    problems = problems_of(safe_pools, ["10.0.1.0/24"], subnets=8, size=24, candidates=["10.0.0.0/22"])
    assert problems == [
        "only 3 free /24 subnet(s) in candidates 10.0.0.0/22 outside the reserved networks; 8 asked for; "
        "add candidate ranges, lower subnets, or use a larger size"
    ]


def test_fully_reserved_space_finds_zero():
    problems = problems_of(safe_pools, ["10.0.0.0/8"], subnets=1, size=24, candidates=["10.0.0.0/8"])
    assert problems[0].startswith("only 0 free /24 subnet(s)")


def test_result_passes_validation_for_old_engines():
    reserved = ["172.16.0.0/12", "10.0.0.0/9"]
    pools = safe_pools(reserved, subnets=1024, size=24, ipv6=True, ipv6_size=80, seed="docker1")
    assert validate(pools, engine_version="20.10.24", reserved=reserved, min_free_subnets=1000)[0] == pools


def test_ipv6_pool_lies_in_a_ula_48_derived_from_seed_and_fits_the_request():
    first = safe_pools([], ipv6=True, seed="docker1")[1]
    again = safe_pools([], ipv6=True, seed="docker1")[1]
    other = safe_pools([], ipv6=True, seed="docker2")[1]
    network = ipaddress.ip_network(first["base"])
    assert first == again
    assert first != other
    assert network.subnet_of(ula_network("docker1"))
    assert ula_network("docker1").subnet_of(ipaddress.ip_network("fd00::/8"))
    assert (network.prefixlen, first["size"]) == (56, 64)


def test_ipv6_pool_never_exceeds_the_48():
    pool = safe_pools([], subnets=2 ** 16, size=24, candidates=["10.0.0.0/8"], ipv6=True, ipv6_size=64, seed="x")[1]
    assert pool == {"base": str(ula_network("x")), "size": 64}


def test_ipv6_pool_avoids_reserved_ula():
    taken = str(ula_network("docker1"))
    pool = safe_pools([taken], ipv6=True, seed="docker1")[1]
    assert ipaddress.ip_network(pool["base"]).subnet_of(ula_network("docker1", 1))


@pytest.mark.parametrize("kwargs, expected", [
    ({"subnets": 0}, "subnets 0 must be a whole number of 1 or more"),
    ({"subnets": "many"}, "subnets 'many' must be a whole number of 1 or more"),
    ({"size": 31}, "size 31 must be a whole number from 1 to 30 for IPv4"),
    ({"candidates": []}, "candidates is empty; give at least one IPv4 range"),
    ({"candidates": ["fd00::/8"]}, "candidates fd00::/8 are IPv6"),
    ({"candidates": ["nope"]}, "candidates entry 'nope' is not an IP network or address"),
    ({"ipv6": True, "ipv6_size": 40}, "ipv6_size 40 must be 48 or more"),
    ({"ipv6": True, "ipv6_size": 129}, "ipv6_size 129 must be a whole number from 1 to 128 for IPv6"),
    ({"ipv6": True, "ipv6_size": 50, "subnets": 5}, "a ULA /48 split into /50 holds 4 subnet(s); 5 asked for"),
])
def test_safe_pools_refuses_bad_arguments(kwargs, expected):
    assert expected in problems_of(safe_pools, [], **kwargs)[0]


def test_fleet_gives_lowest_blocks_in_order():
    result = fleet_pools(["a", "b", "c"], "10.200.0.0/16", 20)
    assert result == {
        "a": [{"base": "10.200.0.0/20", "size": 24}],
        "b": [{"base": "10.200.16.0/20", "size": 24}],
        "c": [{"base": "10.200.32.0/20", "size": 24}],
    }


def test_fleet_keeps_existing_and_fills_holes_left_by_removed_hosts():
    existing = {
        "a": [{"base": "10.200.0.0/20", "size": 24}],
        "b": [{"base": "10.200.16.0/20", "size": 24}],
        "c": [{"base": "10.200.32.0/20", "size": 26}],
    }
    result = fleet_pools(["c", "d", "a", "e"], "10.200.0.0/16", 20, existing=existing)
    assert result == {
        "c": [{"base": "10.200.32.0/20", "size": 26}],
        "d": [{"base": "10.200.16.0/20", "size": 24}],
        "a": [{"base": "10.200.0.0/20", "size": 24}],
        "e": [{"base": "10.200.48.0/20", "size": 24}],
    }


def test_fleet_skips_misaligned_existing_blocks():
    existing = {"a": [{"base": "10.200.4.0/22", "size": 24}]}
    result = fleet_pools(["a", "b"], "10.200.0.0/16", 20, existing=existing)
    assert result["b"] == [{"base": "10.200.16.0/20", "size": 24}]


def test_fleet_full_supernet_is_an_error():
    problems = problems_of(fleet_pools, ["a", "b", "c"], "10.200.0.0/19", 20)
    assert problems == [
        "supernet 10.200.0.0/19 is full: it has room for 2 more /20 host block(s) beside the 0 kept, and 3 new "
        "host(s) need one (c); use a larger supernet or a longer host_prefix"
    ]


def test_fleet_duplicate_hosts_get_one_block():
    assert list(fleet_pools(["a", "a", "b"], "10.200.0.0/16", 20)) == ["a", "b"]


@pytest.mark.parametrize("args, kwargs, expected", [
    (("a", "10.0.0.0/16", 20), {}, "hosts must be a list of host names"),
    ((["a", ""], "10.0.0.0/16", 20), {}, "host name '' is not a non-empty string"),
    ((["a"], "10.0.0.1/16", 20), {}, "supernet '10.0.0.1/16' is not an IP network in CIDR form without host bits"),
    ((["a"], "10.0.0.0/16", 8), {}, "host_prefix 8 must lie between the supernet prefix 16 and size 24"),
    ((["a"], "10.0.0.0/16", 25), {}, "host_prefix 25 must lie between the supernet prefix 16 and size 24"),
    ((["a"], "10.0.0.0/16", 20), {"size": 31}, "size 31 must be a whole number from 1 to 30 for IPv4"),
    ((["a"], "10.0.0.0/16", 20), {"existing": ["a"]}, "existing must map host names to pools lists"),
    ((["a", "b"], "10.0.0.0/16", 20), {"existing": {
        "a": [{"base": "10.0.0.0/20", "size": 24}], "b": [{"base": "10.0.8.0/21", "size": 24}]}},
     "existing pools 10.0.0.0/20 size 24 of a and 10.0.8.0/21 size 24 of b overlap"),
    ((["a"], "10.0.0.0/16", 20), {"existing": {"a": [{"base": "10.0.0.0/20"}]}}, "needs both base and size"),
])
def test_fleet_refuses_bad_arguments(args, kwargs, expected):
    assert expected in problems_of(fleet_pools, *args, **kwargs)[0]


def test_fleet_ipv6_supernet():
    result = fleet_pools(["a", "b"], "fd00:1::/48", 56, size=64)
    assert result["b"] == [{"base": "fd00:1:0:100::/56", "size": 64}]


@pytest.mark.parametrize("candidates, message", [
    (["127.0.0.0/8"], "candidate 127.0.0.0/8 overlaps 127.0.0.0/8 (loopback)"),
    (["224.0.0.0/4"], "candidate 224.0.0.0/4 overlaps 224.0.0.0/4 (multicast)"),
    (["0.0.0.0/8"], "candidate 0.0.0.0/8 overlaps 0.0.0.0/8 ('this network')"),
    (["0.0.0.0/0"], "candidate 0.0.0.0/0 overlaps 127.0.0.0/8 (loopback)"),
    (["10.0.0.0/8", "169.254.0.0/16"], "candidate 169.254.0.0/16 overlaps 169.254.0.0/16 (link-local)"),
])
def test_safe_pools_refuse_special_candidates(candidates, message):
    with pytest.raises(AddressPoolError) as error:
        safe_pools([], subnets=16, size=24, candidates=candidates)
    assert any(message in problem for problem in error.value.problems), error.value.problems


@pytest.mark.parametrize("supernet, message", [
    ("127.0.0.0/8", "supernet 127.0.0.0/8 overlaps 127.0.0.0/8 (loopback)"),
    ("224.0.0.0/8", "(multicast)"),
    ("0.0.0.0/0", "supernet 0.0.0.0/0 overlaps 0.0.0.0/8"),
    ("::ffff:10.0.0.0/104", "(IPv4-mapped)"),
    ("::/0", "(unspecified and loopback)"),
])
def test_fleet_pools_refuse_special_supernets(supernet, message):
    with pytest.raises(AddressPoolError) as error:
        fleet_pools(["h1", "h2"], supernet, 16, size=24)
    assert any(message in problem for problem in error.value.problems), error.value.problems
