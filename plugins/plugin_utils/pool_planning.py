# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Choosing address pools: safe pools for one host, disjoint pools for a fleet.

Free space is found by subtracting merged intervals and split into aligned
CIDR blocks; no pool is ever walked subnet by subnet.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import (
    MAX_IPV4_SIZE,
    AddressPoolError,
    whole_number,
    Pool,
    parse_networks,
    parse_pools,
    parse_spans,
    special_range_problems,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.ip_intervals import (
    ADDRESS_BITS,
    IntervalIndex,
    aligned_blocks,
    interval,
    ipv4_text,
    merge,
    network_from,
    subtract,
    to_network,
)

# Preference order: 172.16/12 is what Docker itself uses, 192.168/16 the
# range most often taken by home and office LANs and VPNs.
DEFAULT_CANDIDATES = ("172.16.0.0/12", "10.0.0.0/8", "192.168.0.0/16")
ULA_PREFIX = 0xFD << 120
ULA_ATTEMPTS = 16


def _check_size(size, version, what="size"):
    bits = ADDRESS_BITS[version]
    limit = MAX_IPV4_SIZE if version == 4 else bits
    number = _whole_or_none(size, what)
    if number is None or not 0 < number <= limit:
        raise AddressPoolError(["%s %r must be a whole number from 1 to %d for IPv%d" % (what, size, limit, version)])
    return number


def _whole_or_none(value, what):
    try:
        return whole_number(value, what)
    except AddressPoolError:
        return None


def _check_count(value, what):
    try:
        return whole_number(value, what, least=1)
    except AddressPoolError:
        raise AddressPoolError(["%s %r must be a whole number of 1 or more" % (what, value)])


def _bits_for(count):
    """Smallest k with 2^k >= count."""
    return (count - 1).bit_length()


def free_blocks(candidates, reserved_spans, size):
    """Aligned free blocks, as ``(candidate_rank, start, prefix)``, able to hold a /size subnet.

    ``reserved_spans`` are merged IPv4 intervals.
    """
    blocks = []
    taken = list(reserved_spans)
    for rank, candidate in enumerate(candidates):
        span = interval(candidate)
        for first, last in subtract([span], merge(taken)):
            blocks.extend((rank, start, prefix) for start, prefix in aligned_blocks(first, last, 32) if prefix <= size)
        # A later candidate overlapping this one offers only what lies outside it: no space counted twice.
        taken.append(span)
    return blocks


def safe_ipv4_pools(reserved_spans, subnets, size, candidates):
    """Fewest aligned IPv4 pools, outside ``reserved_spans``, that hold ``subnets`` subnets of /size."""
    blocks = free_blocks(candidates, merge(reserved_spans), size)
    wanted_prefix = size - _bits_for(subnets)
    if wanted_prefix >= 0:
        fitting = [block for block in blocks if block[2] <= wanted_prefix]
        if fitting:
            _rank, start, _prefix = min(fitting)
            return [Pool(network_from(start, wanted_prefix, 4), size)]
    chosen, remaining = [], subnets
    for _rank, start, prefix in sorted(blocks, key=lambda block: (block[2], block[0], block[1])):
        held = 1 << (size - prefix)
        if held >= remaining:
            prefix = max(prefix, size - _bits_for(remaining))
            chosen.append(Pool(network_from(start, prefix, 4), size))
            return sorted(chosen, key=lambda pool: int(pool.network.network_address))
        chosen.append(Pool(network_from(start, prefix, 4), size))
        remaining -= held
    found = subnets - remaining
    raise AddressPoolError(
        ["only %d free /%d subnet(s) in candidates %s outside the reserved networks; %d asked for; "
         "add candidate ranges, lower subnets, or use a larger size" % (
             found, size, ", ".join(str(c) for c in candidates), subnets)]
    )


def ula_network(seed, attempt=0):
    """An RFC 4193 /48 whose 40-bit global ID is derived from ``seed``."""
    text = seed if attempt == 0 else "%s#%d" % (seed, attempt)
    global_id = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:5], "big")
    return network_from(ULA_PREFIX | (global_id << 80), 48, 6)


def safe_ipv6_pool(reserved_spans, subnets, size, seed):
    size = _check_size(size, 6, "ipv6_size")
    if size < 48:
        raise AddressPoolError(["ipv6_size %d must be 48 or more: the pool is a ULA /48" % size])
    if 1 << (size - 48) < subnets:
        raise AddressPoolError(
            ["a ULA /48 split into /%d holds %d subnet(s); %d asked for; raise ipv6_size" % (size, 1 << (size - 48), subnets)]
        )
    taken = IntervalIndex(reserved_spans)
    prefix = max(48, size - _bits_for(subnets))
    for attempt in range(ULA_ATTEMPTS):
        network = ula_network(seed or "", attempt)
        if not taken.overlaps(*interval(network)):
            return Pool(network_from(int(network.network_address), prefix, 6), size)
    raise AddressPoolError(["every ULA /48 derived from seed %r overlaps a reserved network" % (seed,)])


def safe_pools(reserved=(), subnets=256, size=24, candidates=None, ipv6=False, ipv6_size=64, seed=None):
    """Return pools (dicts) outside ``reserved`` holding at least ``subnets`` subnets of /size.

    Same input, same output: the first candidate (in the order given) with an
    aligned free block large enough wins, at its lowest such address; when no
    single block is large enough, the largest blocks are combined. With
    ``ipv6`` an IPv6 pool is added at the start of a ULA /48 derived from
    ``seed``, just large enough for ``subnets`` subnets of /ipv6_size.
    """
    subnets = _check_count(subnets, "subnets")
    size = _check_size(size, 4)
    reserved_spans = parse_spans(reserved, "reserved")
    candidate_nets = parse_networks(candidates if candidates is not None else list(DEFAULT_CANDIDATES), "candidates")
    if not candidate_nets:
        raise AddressPoolError(["candidates is empty; give at least one IPv4 range"])
    special = special_range_problems(candidate_nets, "candidate")
    if special:
        raise AddressPoolError(special)
    ipv6_candidates = [str(net) for net in candidate_nets if net.version == 6]
    if ipv6_candidates:
        raise AddressPoolError(
            ["candidates %s are IPv6; candidates are IPv4 ranges and the IPv6 pool is a ULA /48 derived from seed"
             % ", ".join(ipv6_candidates)]
        )
    pools = safe_ipv4_pools(reserved_spans[4], subnets, size, candidate_nets)
    if ipv6:
        pools.append(safe_ipv6_pool(reserved_spans[6], subnets, ipv6_size, seed))
    return [pool.as_dict() for pool in pools]


def _existing_pools(existing, hosts):
    if existing is None:
        return {}
    if not isinstance(existing, dict):
        raise AddressPoolError(["existing must map host names to pools lists, not %r" % (existing,)])
    kept = {}
    for host in hosts:
        pools = parse_pools(existing[host]) if host in existing else []
        if pools:
            kept[host] = pools
    taken = sorted(
        ((interval(pool.network), host, pool) for host, pools in kept.items() for pool in pools),
        key=lambda item: (item[2].version, item[0]),
    )
    for (span_a, host_a, pool_a), (span_b, host_b, pool_b) in zip(taken, taken[1:]):
        if pool_a.version == pool_b.version and span_b[0] <= span_a[1]:
            raise AddressPoolError(
                ["existing pools %s of %s and %s of %s overlap; fix the recorded allocation first"
                 % (pool_a, host_a, pool_b, host_b)]
            )
    return kept


def _host_list(hosts):
    if isinstance(hosts, str) or not isinstance(hosts, (list, tuple)):
        raise AddressPoolError(["hosts must be a list of host names, not %r" % (hosts,)])
    unique, seen = [], set()
    for host in hosts:
        if not isinstance(host, str) or not host:
            raise AddressPoolError(["host name %r is not a non-empty string" % (host,)])
        if host not in seen:
            seen.add(host)
            unique.append(host)
    return unique


def fleet_pools(hosts, supernet, host_prefix, size=24, existing=None):
    """Give every host a disjoint /host_prefix block of ``supernet`` as its pool.

    Hosts in ``existing`` keep their pools untouched; hosts not in ``hosts``
    are dropped and free their blocks; new hosts, in the order given, get the
    lowest free blocks.
    """
    names = _host_list(hosts)
    try:
        network = to_network(supernet)
    except ValueError:
        raise AddressPoolError(["supernet %r is not an IP network in CIDR form without host bits" % (supernet,)])
    special = special_range_problems([network], "supernet")
    if special:
        raise AddressPoolError(special)
    bits = ADDRESS_BITS[network.version]
    size = _check_size(size, network.version)
    prefix = _whole_or_none(host_prefix, "host_prefix")
    if prefix is None or not network.prefixlen <= prefix <= size:
        raise AddressPoolError(
            ["host_prefix %r must lie between the supernet prefix %d and size %d" % (host_prefix, network.prefixlen, size)]
        )
    host_prefix = prefix
    kept = _existing_pools(existing, names)
    taken = merge(interval(pool.network) for pools in kept.values() for pool in pools if pool.version == network.version)
    free = subtract([interval(network)], taken)
    block = 1 << (bits - host_prefix)
    base = int(network.network_address)
    newcomers = [host for host in names if host not in kept]
    text = ipv4_text if network.version == 4 else (lambda start, prefix: str(network_from(start, prefix, 6)))
    allocated = {}
    cursor = 0
    for host in newcomers:
        while cursor < len(free):
            first, last = free[cursor]
            start = base + -(-(first - base) // block) * block
            if start + block - 1 <= last:
                allocated[host] = [{"base": text(start, host_prefix), "size": size}]
                free[cursor] = (start + block, last)
                break
            cursor += 1
        else:
            room = len(allocated)
            raise AddressPoolError(
                ["supernet %s is full: it has room for %d more /%d host block(s) beside the %d kept, and %d new host(s) "
                 "need one (%s); use a larger supernet or a longer host_prefix"
                 % (network, room, host_prefix, len(kept), len(newcomers), ", ".join(newcomers[room:][:5]))]
            )
    result = {}
    for host in names:
        result[host] = [pool.as_dict() for pool in kept[host]] if host in kept else allocated[host]
    return result
