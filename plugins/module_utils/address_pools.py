# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Docker ``default-address-pools``: parsing, validation and capacity.

Standard library only, so modules can ship it to managed hosts. Nothing here
enumerates the subnets of a pool: counts are interval arithmetic, so a pool of
2^64 subnets costs what a /24 costs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
from collections import namedtuple

from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_version import (
    allocates_lazily,
    describe,
    parse_engine_version,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.ip_intervals import (
    ADDRESS_BITS,
    IntervalIndex,
    blocks_touched,
    IPV4_HOST_BITS,
    IPV4_HOST_MASKS,
    IPV4_OCTETS,
    interval,
    merge,
    merge_ipv4_packed,
    pack_ipv4,
    parse_span,
    to_network,
)

# Engines before 27.0 precompute every subnet of every pool at start-up
# (measured on 20.10: 2^20 subnets 161 MB RSS, 2^24 1.46 GB, 2^32 out of memory).
PRECOMPUTED_SUBNETS_REFUSED_ABOVE = 2 ** 20
PRECOMPUTED_SUBNETS_WARNED_ABOVE = 2 ** 16

# Largest IPv4 subnet size that still leaves a gateway and a container address.
MAX_IPV4_SIZE = 30

PRIVATE_RANGES = tuple(
    ipaddress.ip_network(cidr)
    for cidr in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)

# Ranges no pool may touch, public or not: the host could no longer reach them, or they are not unicast.
SPECIAL_RANGES = tuple(
    (ipaddress.ip_network(cidr), what) for cidr, what in (
        ("0.0.0.0/8", "'this network'"), ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local"),
        ("224.0.0.0/4", "multicast"), ("240.0.0.0/4", "reserved (class E and broadcast)"),
        ("::/127", "unspecified and loopback"), ("::ffff:0:0/96", "IPv4-mapped"), ("fe80::/10", "link-local"),
        ("ff00::/8", "multicast"),
    )
)

POOL_KEYS = frozenset(("base", "size"))
COUNT_KEYS = ("total", "used", "blocked", "taken", "free")


class AddressPoolError(ValueError):
    """One or more pools break a rule; ``problems`` lists every message."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(AddressPoolError, self).__init__("; ".join(self.problems))


class Pool(namedtuple("Pool", "network size")):
    """A pool: a base network split into subnets of prefix length ``size``."""

    __slots__ = ()

    @property
    def version(self):
        return self.network.version

    @property
    def subnet_count(self):
        return 1 << (self.size - self.network.prefixlen)

    @property
    def subnet_span(self):
        return 1 << (ADDRESS_BITS[self.version] - self.size)

    @property
    def one_network_before_27(self):
        """Engines before 27.0 hand out a single network from an IPv6 pool of size 64 or less (moby#41438)."""
        return self.version == 6 and self.size <= 64 and self.subnet_count > 1

    def as_dict(self):
        return {"base": str(self.network), "size": self.size}

    def __str__(self):
        return "%s size %d" % (self.network, self.size)


def parse_pool(entry):
    """Turn one ``{base, size}`` mapping into a Pool, or raise AddressPoolError."""
    if not isinstance(entry, dict):
        raise AddressPoolError(["pool %r is not a mapping with keys base and size" % (entry,)])
    unknown = sorted(str(key) for key in set(entry) - POOL_KEYS)
    if unknown:
        raise AddressPoolError(
            ["pool %r has unknown key(s) %s; a pool has only base and size" % (entry, ", ".join(unknown))]
        )
    if "base" not in entry or "size" not in entry:
        raise AddressPoolError(["pool %r needs both base and size" % (entry,)])
    network = _base_network(entry["base"])
    size = _whole_number(network, entry["size"])
    bits = ADDRESS_BITS[network.version]
    if size < network.prefixlen:
        raise AddressPoolError(
            ["pool %s size %d: size must be at least the base prefix length %d" % (network, size, network.prefixlen)]
        )
    if size > bits:
        raise AddressPoolError(
            ["pool %s size %d: size is beyond the %d bits of an IPv%d address" % (network, size, bits, network.version)]
        )
    if network.version == 4 and size > MAX_IPV4_SIZE:
        raise AddressPoolError(
            ["pool %s size %d: /%d subnets leave no address for a container beside the gateway; use size %d or less"
             % (network, size, size, MAX_IPV4_SIZE)]
        )
    return Pool(network, size)


def _base_network(base):
    try:
        return to_network(base)
    except ValueError:
        pass
    try:
        loose = to_network(base, strict=False)
    except ValueError:
        raise AddressPoolError(["pool base %r is not an IP network in CIDR form such as 10.0.0.0/8" % (base,)])
    raise AddressPoolError(["pool base %s has host bits set; write the network %s" % (base, loose)])


def _whole_number(network, size):
    return whole_number(size, "pool %s size" % network)


def whole_number(value, what, least=0):
    """An int from an int or a string of digits (as ``-e`` and templates give), at least ``least``."""
    text = value.strip() if isinstance(value, str) else None
    if text and text[0] in "+-" and text[1:].isdigit():
        value = int(text)
    elif text and text.isdigit():
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise AddressPoolError(["%s %r is not a whole number" % (what, value)])
    if value < least:
        raise AddressPoolError(["%s %d is %s" % (what, value, "negative" if least == 0 else "below %d" % least)])
    return value


def parse_pools(pools):
    """Parse a pools list; every malformed entry is reported at once."""
    if not isinstance(pools, (list, tuple)):
        raise AddressPoolError(["pools must be a list of {base, size} mappings, not %r" % (pools,)])
    parsed, problems = [], []
    for entry in pools:
        if isinstance(entry, Pool):
            parsed.append(entry)
            continue
        try:
            parsed.append(parse_pool(entry))
        except AddressPoolError as error:
            problems.extend(error.problems)
    if problems:
        raise AddressPoolError(problems)
    return parsed


def parse_networks(values, what):
    """Parse a list of networks (CIDR strings or addresses); host bits are dropped."""
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, (list, tuple, set)):
        raise AddressPoolError(["%s must be a list of networks, not %r" % (what, values)])
    networks, problems = [], []
    for value in values:
        try:
            networks.append(to_network(value, strict=False))
        except ValueError:
            problems.append("%s entry %r is not an IP network or address" % (what, value))
    if problems:
        raise AddressPoolError(problems)
    return networks


def parse_spans(values, what):
    """Parse a list of networks straight into merged integer spans, ``{4: [(first, last)], 6: [...]}``.

    The fast path for long lists (existing networks, routes): no address objects are built for
    canonical IPv4 text, and IPv4 spans are sorted as packed integers.
    """
    if values is None:
        values = []
    if isinstance(values, str) or not isinstance(values, (list, tuple, set)):
        raise AddressPoolError(["%s must be a list of networks, not %r" % (what, values)])
    packed4, spans6, problems = [], [], []
    octets, host_bits, masks = IPV4_OCTETS, IPV4_HOST_BITS, IPV4_HOST_MASKS
    for value in values:
        # ipv4_span inlined: this loop runs once per network, up to millions of times.
        if isinstance(value, str):
            head, _dot, tail = value.rpartition(".")
            last_octet, slash, prefix = tail.partition("/")
            parts = head.split(".")
            if len(parts) == 3:
                try:
                    address = ((octets[parts[0]] << 24) | (octets[parts[1]] << 16) | (octets[parts[2]] << 8)
                               | octets[last_octet])
                    bits = host_bits[prefix] if slash else 0
                except KeyError:
                    pass
                else:
                    packed4.append(float(((address & ~masks[bits]) << 6) | bits))
                    continue
        try:
            version, first, last = parse_span(value)
        except ValueError:
            problems.append("%s entry %r is not an IP network or address" % (what, value))
            continue
        if version == 4:
            packed4.append(pack_ipv4(first, (last - first + 1).bit_length() - 1))
        else:
            spans6.append((first, last))
    if problems:
        raise AddressPoolError(problems)
    return {4: merge_ipv4_packed(packed4), 6: merge(spans6)}


class _Blockers:
    """Used and reserved networks as merged spans, per address family."""

    def __init__(self, used, reserved):
        self.used = dict((v, IntervalIndex(used[v])) for v in (4, 6))
        self.any = dict((v, IntervalIndex(used[v] + reserved[v])) for v in (4, 6))

    def count(self, pool, earlier):
        """Counts for one pool; subnets touching an ``earlier`` pool (merged spans) are that pool's, not this one's."""
        first, last = interval(pool.network)
        span = pool.subnet_span
        used_spans = self.used[pool.version].within(first, last)
        any_spans = self.any[pool.version].within(first, last)
        shadow = [(max(a, first), min(b, last)) for a, b in earlier if a <= last and b >= first]
        shadowed = 0
        if shadow:
            shadowed = blocks_touched(shadow, first, span)
            used_spans, any_spans = merge(used_spans + shadow), merge(any_spans + shadow)
        used = blocks_touched(used_spans, first, span) - shadowed
        taken = blocks_touched(any_spans, first, span) - shadowed
        total = pool.subnet_count - shadowed
        return {
            "base": str(pool.network),
            "size": pool.size,
            "total": total,
            "used": used,
            "blocked": taken - used,
            "taken": taken,
            "free": total - taken,
        }


def _sum(rows):
    return dict((key, sum(row[key] for row in rows)) for key in COUNT_KEYS)


def capacity(pools, used=(), reserved=()):
    """Count subnets per pool: total, used, blocked (by reserved networks only), taken (used or blocked), free.

    A used or reserved network blocks every pool subnet it touches: a used /20
    in a pool split into /24s blocks 16. ``reserved`` counts only what ``used``
    does not already block. A pool overlapping an earlier one holds only the
    subnets clear of it, so no address is counted twice. Totals are given
    overall and per family.
    """
    return _capacity(parse_pools(pools), parse_spans(used, "used"), parse_spans(reserved, "reserved"))


def _capacity(parsed, used_spans, reserved_spans):
    blockers = _Blockers(used_spans, reserved_spans)
    rows, earlier = [], {4: [], 6: []}
    for pool in parsed:
        rows.append(blockers.count(pool, earlier[pool.version]))
        earlier[pool.version] = merge(earlier[pool.version] + [interval(pool.network)])
    result = _sum(rows)
    result["ipv4"] = _sum([row for row, pool in zip(rows, parsed) if pool.version == 4])
    result["ipv6"] = _sum([row for row, pool in zip(rows, parsed) if pool.version == 6])
    result["pools"] = rows
    return result


def special_problems(parsed):
    """Pools touching loopback, link-local, multicast or reserved space: refused even with allow_public."""
    return [
        "pool %s overlaps %s (%s); no Docker network may live there, allow_public or not; choose a private base"
        % (pool, special, what)
        for pool in parsed for special, what in SPECIAL_RANGES
        if special.version == pool.version and special.overlaps(pool.network)
    ]


def special_range_problems(networks, what):
    """Ranges to plan pools in that touch loopback, link-local, multicast, reserved or IPv4-mapped space."""
    return [
        "%s %s overlaps %s (%s); no Docker network may live there; give private ranges such as 10.0.0.0/8"
        % (what, network, special, kind)
        for network in networks for special, kind in SPECIAL_RANGES
        if special.version == network.version and special.overlaps(network)
    ]


def is_private(network):
    return any(network.version == rng.version and network.subnet_of(rng) for rng in PRIVATE_RANGES)


def overlapping_pairs(parsed):
    """Neighbouring pools, in address order, whose ranges overlap."""
    ordered = sorted(parsed, key=lambda pool: (pool.version, interval(pool.network)))
    return [
        (earlier, later) for earlier, later in zip(ordered, ordered[1:])
        if earlier.version == later.version and earlier.network.overlaps(later.network)
    ]


def _overlap_problems(parsed):
    return [
        "pools %s and %s overlap; engines from 27.0 silently drop the later one and older engines "
        "can hand out the same subnet twice; give each pool its own range" % pair
        for pair in overlapping_pairs(parsed)
    ]


def _reserved_problems(parsed, reserved):
    index = dict((v, IntervalIndex([interval(n) for n in reserved if n.version == v])) for v in (4, 6))
    problems = []
    for pool in parsed:
        first, last = interval(pool.network)
        if index[pool.version].overlaps(first, last):
            hits = [str(n) for n in reserved if n.version == pool.version and n.overlaps(pool.network)]
            problems.append(
                "pool %s overlaps reserved network(s) %s (routes, LANs or VPNs the host must keep reaching); "
                "choose a base outside them" % (pool, ", ".join(hits[:5]) + (" and %d more" % (len(hits) - 5) if len(hits) > 5 else ""))
            )
    return problems


def _engine_problems(parsed, version):
    problems, warnings = [], []
    if allocates_lazily(version):
        return problems, warnings
    for pool in parsed:
        count = pool.subnet_count
        if count > PRECOMPUTED_SUBNETS_REFUSED_ABOVE:
            problems.append(
                "pool %s has 2^%d subnets; %s precomputes every subnet and runs out of memory above 2^20 "
                "(2^24 took 1.46 GB on 20.10, 2^32 crashed it); use size %d or less, or upgrade the engine to 27.0 or later"
                % (pool, pool.size - pool.network.prefixlen, describe(version), pool.network.prefixlen + 20)
            )
        elif count > PRECOMPUTED_SUBNETS_WARNED_ABOVE:
            warnings.append(
                "pool %s has 2^%d subnets; %s precomputes them all at start-up (2^20 took 161 MB on 20.10)"
                % (pool, pool.size - pool.network.prefixlen, describe(version))
            )
        if pool.one_network_before_27:
            warnings.append(
                "pool %s: %s hands out only one network from an IPv6 pool with size 64 or less (moby#41438); "
                "use a size above 64 or an engine from 27.0" % (pool, describe(version))
            )
    return problems, warnings


def validate(pools, engine_version=None, reserved=(), used=(), min_free_subnets=0,
             allow_public=False, default_bridge=True):
    """Check a pools list against every rule; return ``(pools, warnings)`` or raise.

    ``pools`` comes back as normalized ``{base, size}`` dicts in the given
    order (order decides allocation on engines before 27.0). Every broken rule
    is reported in one AddressPoolError.
    """
    parsed = parse_pools(pools)
    reserved_nets = parse_networks(reserved, "reserved")
    used_spans = parse_spans(used, "used")
    try:
        version = parse_engine_version(engine_version)
    except ValueError as error:
        raise AddressPoolError([str(error)])
    min_free_subnets = whole_number(min_free_subnets, "min_free_subnets")
    if not parsed:
        raise AddressPoolError(["the pools list is empty; give at least one IPv4 pool"])

    problems = special_problems(parsed) + _overlap_problems(parsed) + _reserved_problems(parsed, reserved_nets)
    if not allow_public:
        problems.extend(
            "pool %s is not in a private range (%s); networks there would hide those public addresses from "
            "the host; pick a private base or set allow_public" % (pool, ", ".join(str(r) for r in PRIVATE_RANGES))
            for pool in parsed if not is_private(pool.network) and not special_problems([pool])
        )
    engine_problems, warnings = _engine_problems(parsed, version)
    problems.extend(engine_problems)

    ipv4 = [pool for pool in parsed if pool.version == 4]
    if not ipv4:
        problems.append(
            "no IPv4 pool in the list; dockerd needs one for the default bridge (20.10 fails at start with "
            "'Error creating default \"bridge\" network'); add an IPv4 pool such as 172.30.0.0/16 size 24"
        )
    else:
        reserved_spans = parse_spans(reserved_nets, "reserved")
        problems.extend(_headroom_problems(ipv4, used_spans, reserved_spans, min_free_subnets, default_bridge))
    if problems:
        raise AddressPoolError(problems)
    return [pool.as_dict() for pool in parsed], warnings


def _headroom_problems(ipv4, used_spans, reserved_spans, min_free_subnets, default_bridge):
    bridge = 1 if default_bridge else 0
    total = sum(pool.subnet_count for pool in ipv4)
    names = ", ".join(str(pool) for pool in ipv4)
    if total <= bridge:
        return [
            "IPv4 pools %s hold %d subnet(s) and the default bridge takes one, so every 'docker network create' "
            "fails ('could not find an available, non-overlapping IPv4 address pool'); give a pool more subnets, "
            "for example base 172.30.0.0/16 size 24" % (names, total)
        ]
    free = _capacity(ipv4, used_spans, reserved_spans)["free"] - bridge
    if free < min_free_subnets:
        return [
            "IPv4 pools %s leave %d free subnet(s) after the existing networks%s; min_free_subnets is %d; "
            "add a pool or shrink size to get more subnets"
            % (names, max(free, 0), " and the default bridge" if bridge else "", min_free_subnets)
        ]
    return []
