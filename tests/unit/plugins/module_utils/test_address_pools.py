# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import (
    AddressPoolError,
    capacity,
    parse_pool,
    validate,
)

POOL = {"base": "172.30.0.0/16", "size": 24}


def problems_of(call, *args, **kwargs):
    with pytest.raises(AddressPoolError) as caught:
        call(*args, **kwargs)
    return caught.value.problems


@pytest.mark.parametrize("entry, expected", [
    ("172.30.0.0/16", "is not a mapping with keys base and size"),
    ({"base": "172.30.0.0/16"}, "needs both base and size"),
    ({"base": "172.30.0.0/16", "size": 24, "szie": 24}, "unknown key(s) szie"),
    ({"base": "not-a-net", "size": 24}, "pool base 'not-a-net' is not an IP network"),
    ({"base": "172.30.0.1/16", "size": 24}, "pool base 172.30.0.1/16 has host bits set; write the network 172.30.0.0/16"),
    ({"base": "172.30.0.0/16", "size": "big"}, "size 'big' is not a whole number"),
    ({"base": "172.30.0.0/16", "size": True}, "size True is not a whole number"),
    ({"base": "172.30.0.0/16", "size": -1}, "size -1 is negative"),
    ({"base": "172.30.0.0/16", "size": 8}, "pool 172.30.0.0/16 size 8: size must be at least the base prefix length 16"),
    ({"base": "172.30.0.0/16", "size": 33}, "size is beyond the 32 bits of an IPv4 address"),
    ({"base": "fd00::/48", "size": 129}, "size is beyond the 128 bits of an IPv6 address"),
    ({"base": "172.30.0.0/16", "size": 31}, "/31 subnets leave no address for a container beside the gateway; use size 30"),
])
def test_malformed_pool_is_refused_with_its_rule(entry, expected):
    problems = problems_of(parse_pool, entry)
    assert len(problems) == 1
    assert expected in problems[0]


def test_size_as_digit_string_is_normalized():
    pool = parse_pool({"base": " 172.30.0.0/16 ", "size": "24"})
    assert pool.as_dict() == {"base": "172.30.0.0/16", "size": 24}
    assert pool.subnet_count == 256


def test_ipv6_base_is_canonicalized():
    normalized, _warnings = validate(
        [POOL, {"base": "FD00:0000::/48", "size": 80}], engine_version="28.5.2")
    assert normalized[1] == {"base": "fd00::/48", "size": 80}


def test_every_malformed_pool_is_reported_at_once():
    problems = problems_of(validate, [{"base": "x", "size": 24}, {"base": "10.0.0.1/8", "size": 24}])
    assert len(problems) == 2


def test_valid_pools_come_back_in_given_order():
    pools = [{"base": "192.168.0.0/16", "size": 24}, POOL]
    normalized, warnings = validate(pools, engine_version="20.10.24")
    assert normalized == pools
    assert warnings == []


def test_overlapping_pools_are_refused():
    problems = problems_of(validate, [POOL, {"base": "172.30.8.0/21", "size": 24}])
    assert problems == [
        "pools 172.30.0.0/16 size 24 and 172.30.8.0/21 size 24 overlap; engines from 27.0 silently drop the later "
        "one and older engines can hand out the same subnet twice; give each pool its own range"
    ]


def test_pool_overlapping_reserved_network_is_refused_naming_it():
    problems = problems_of(validate, [POOL], reserved=["10.0.0.0/8", "172.30.5.0/24"])
    assert len(problems) == 1
    assert "pool 172.30.0.0/16 size 24 overlaps reserved network(s) 172.30.5.0/24" in problems[0]
    assert "10.0.0.0/8" not in problems[0]


def test_list_without_ipv4_pool_is_refused():
    problems = problems_of(validate, [{"base": "fd00:1::/48", "size": 64}], engine_version="28.5.2")
    assert len(problems) == 1
    assert problems[0].startswith("no IPv4 pool in the list; dockerd needs one for the default bridge")


def test_empty_list_is_refused():
    assert problems_of(validate, []) == ["the pools list is empty; give at least one IPv4 pool"]


def test_public_range_is_refused_unless_allowed():
    public = [{"base": "8.8.0.0/16", "size": 24}]
    problems = problems_of(validate, public)
    assert "pool 8.8.0.0/16 size 24 is not in a private range" in problems[0]
    assert "set allow_public" in problems[0]
    assert validate(public, allow_public=True)[0] == public


def test_172_range_beyond_rfc1918_counts_as_public():
    problems = problems_of(validate, [{"base": "172.32.0.0/16", "size": 24}])
    assert "is not in a private range" in problems[0]


def test_pool_with_too_many_subnets_is_refused_for_old_engines():
    pools = [POOL, {"base": "fd0d:ce5::/48", "size": 80}]
    problems = problems_of(validate, pools, engine_version="20.10.24")
    assert problems == [
        "pool fd0d:ce5::/48 size 80 has 2^32 subnets; engine 20.10.24 precomputes every subnet and runs out of "
        "memory above 2^20 (2^24 took 1.46 GB on 20.10, 2^32 crashed it); use size 68 or less, or upgrade the "
        "engine to 27.0 or later"
    ]


def test_unknown_engine_version_gets_the_old_engine_limit():
    problems = problems_of(validate, [POOL, {"base": "fd0d:ce5::/48", "size": 80}])
    assert "an engine of unknown version (assumed older than 27.0)" in problems[0]


def test_engines_from_27_accept_huge_pools_without_warning():
    pools = [POOL, {"base": "fd0d:ce5::/48", "size": 80}]
    normalized, warnings = validate(pools, engine_version="27.0.1")
    assert len(normalized) == 2
    assert warnings == []


def test_limit_boundary_is_exact():
    at_limit = [{"base": "10.0.0.0/8", "size": 28}]   # 2^20 subnets
    normalized, warnings = validate(at_limit, engine_version="26.1.5+dfsg1")
    assert normalized == at_limit
    assert warnings and "has 2^20 subnets" in warnings[0]
    problems = problems_of(validate, [{"base": "10.0.0.0/8", "size": 29}], engine_version="26.1.5")
    assert "has 2^21 subnets" in problems[0]


def test_warning_above_2_16_and_not_at_it():
    assert validate([{"base": "10.0.0.0/8", "size": 24}], engine_version="20.10.24")[1] == []
    warnings = validate([{"base": "10.0.0.0/8", "size": 25}], engine_version="20.10.24")[1]
    assert len(warnings) == 1 and "2^17 subnets" in warnings[0]


def test_ipv6_size_64_warns_of_single_network_bug_on_old_engines():
    pools = [POOL, {"base": "fd00:1::/48", "size": 64}]
    warnings = validate(pools, engine_version="26.1.5")[1]
    assert any("moby#41438" in warning for warning in warnings)
    assert validate(pools, engine_version="27.5.1")[1] == []


def test_seed_config_single_slash24_is_refused_because_bridge_takes_it():
    problems = problems_of(validate, [{"base": "172.30.0.0/24", "size": 24}], engine_version="20.10.24")
    assert len(problems) == 1
    assert problems[0].startswith(
        "IPv4 pools 172.30.0.0/24 size 24 hold 1 subnet(s) and the default bridge takes one, "
        "so every 'docker network create' fails")


def test_single_subnet_pool_is_fine_when_bridge_is_elsewhere():
    pools = [{"base": "172.30.0.0/24", "size": 24}]
    assert validate(pools, default_bridge=False)[0] == pools


def test_min_free_subnets_counts_existing_networks_and_bridge():
    pools = [{"base": "172.30.0.0/22", "size": 24}]  # 4 subnets
    assert validate(pools, used=["172.30.0.0/24"], min_free_subnets=2)[0] == pools
    problems = problems_of(validate, pools, used=["172.30.0.0/24", "172.30.1.0/24"], min_free_subnets=2)
    assert problems == [
        "IPv4 pools 172.30.0.0/22 size 24 leave 1 free subnet(s) after the existing networks and the default "
        "bridge; min_free_subnets is 2; add a pool or shrink size to get more subnets"
    ]


@pytest.mark.parametrize("bad, message", [
    (-1, "min_free_subnets -1 is negative"), ("-1", "min_free_subnets -1 is negative"),
    (True, "min_free_subnets True is not a whole number"), (1.5, "min_free_subnets 1.5 is not a whole number"),
    ("3 subnets", "min_free_subnets '3 subnets' is not a whole number"),
])
def test_min_free_subnets_must_be_whole_number(bad, message):
    assert problems_of(validate, [POOL], min_free_subnets=bad)[0] == message


def test_whole_numbers_given_as_strings_are_accepted():
    assert validate([{"base": "172.30.0.0/16", "size": "24"}], min_free_subnets="16")[0] == [POOL]


@pytest.mark.parametrize("base, special", [
    ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local"), ("224.0.0.0/4", "multicast"),
    ("0.0.0.0/0", "'this network'"), ("240.0.0.0/8", "reserved"), ("fe80::/10", "link-local"),
    ("ff00::/8", "multicast"), ("::/64", "unspecified and loopback"),
])
def test_special_ranges_are_refused_even_with_allow_public(base, special):
    pools = [POOL, {"base": base, "size": 30 if ":" not in base else 80}]
    problems = problems_of(validate, pools, allow_public=True, engine_version="28.5.2")
    assert any("pool %s size" % base in p and "overlaps" in p and special in p and "allow_public or not" in p
               for p in problems), problems


def test_public_pools_pass_only_with_allow_public():
    pools = [{"base": "8.8.0.0/16", "size": 24}]
    assert "is not in a private range" in problems_of(validate, pools)[0]
    assert validate(pools, allow_public=True)[0] == pools


@pytest.mark.parametrize("base", ["fd00::%eth0/48", "fd00::%25eth0/48"])
def test_zone_indexes_are_refused(base):
    problems = problems_of(validate, [POOL, {"base": base, "size": 64}])
    assert problems == ["pool base %r is not an IP network in CIDR form such as 10.0.0.0/8" % base]


def test_overlapping_pools_count_each_subnet_once():
    pools = [{"base": "10.0.0.0/16", "size": 24}, {"base": "10.0.0.0/16", "size": 24},
             {"base": "10.0.0.0/8", "size": 16}]
    counted = capacity(pools, used=["10.0.5.0/24"])
    assert [row["total"] for row in counted["pools"]] == [256, 0, 255]
    assert counted["total"] == 256 + 255
    assert [row["used"] for row in counted["pools"]] == [1, 0, 0]
    assert counted["free"] == 255 + 255


def test_bad_engine_version_is_refused():
    problems = problems_of(validate, [POOL], engine_version="latest")
    assert problems == ["engine_version 'latest' is not a Docker version such as 20.10.24 or 5:28.5.2-1~debian.12"]


@pytest.mark.parametrize("what, value, expected", [
    ("reserved", "10.0.0.0/8", "reserved must be a list of networks, not '10.0.0.0/8'"),
    ("reserved", ["10.0.0.0/33"], "reserved entry '10.0.0.0/33' is not an IP network or address"),
    ("used", ["bridge"], "used entry 'bridge' is not an IP network or address"),
])
def test_bad_network_lists_are_refused(what, value, expected):
    assert problems_of(validate, [POOL], **{what: value}) == [expected]


def test_pools_must_be_a_list():
    assert "pools must be a list" in problems_of(validate, POOL)[0]


def test_several_rules_are_reported_together():
    pools = [{"base": "8.8.0.0/24", "size": 24}, {"base": "fd0d:ce5::/48", "size": 80}]
    problems = problems_of(validate, pools, engine_version="20.10.24")
    assert len(problems) == 3
    assert any("not in a private range" in p for p in problems)
    assert any("2^32 subnets" in p for p in problems)
    assert any("the default bridge takes one" in p for p in problems)


def test_capacity_counts_a_used_slash20_as_16_blocked_subnets():
    result = capacity([POOL], used=["172.30.16.0/20"])
    assert result["pools"] == [{
        "base": "172.30.0.0/16", "size": 24, "total": 256, "used": 16, "blocked": 0, "taken": 16, "free": 240,
    }]


def test_capacity_counts_partial_overlap_as_whole_subnets():
    result = capacity([POOL], used=["172.30.0.128/25", "172.30.1.5"], reserved=["172.30.2.0/23", "172.30.1.0/24"])
    row = result["pools"][0]
    assert (row["used"], row["blocked"], row["taken"], row["free"]) == (2, 2, 4, 252)


def test_capacity_ignores_networks_outside_and_wider_networks_block_all():
    assert capacity([POOL], used=["10.0.0.0/8", "fd00::/8"])["free"] == 256
    assert capacity([POOL], reserved=["172.16.0.0/12"])["free"] == 0


def test_capacity_is_exact_for_huge_ipv6_pools():
    pools = [{"base": "fd00::/48", "size": 112}]
    result = capacity(pools, used=["fd00:0:0:1::/64"], reserved=["fd00::/112"])
    assert result["total"] == 2 ** 64
    assert result["used"] == 2 ** 48
    assert result["blocked"] == 1
    assert result["free"] == 2 ** 64 - 2 ** 48 - 1
    assert result["ipv6"]["free"] == result["free"]
    assert result["ipv4"]["total"] == 0


def test_capacity_totals_sum_pools_and_split_families():
    pools = [POOL, {"base": "10.10.0.0/23", "size": 24}, {"base": "fd00::/48", "size": 64}]
    result = capacity(pools, used=["10.10.0.0/24"])
    assert [row["base"] for row in result["pools"]] == ["172.30.0.0/16", "10.10.0.0/23", "fd00::/48"]
    assert result["ipv4"] == {"total": 258, "used": 1, "blocked": 0, "taken": 1, "free": 257}
    assert result["total"] == 258 + 65536


def test_capacity_refuses_malformed_pools():
    assert "host bits set" in problems_of(capacity, [{"base": "172.30.0.1/16", "size": 24}])[0]
