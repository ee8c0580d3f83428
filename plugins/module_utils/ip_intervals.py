# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Address arithmetic on closed integer intervals.

Networks become ``(first, last)`` integer pairs so that overlap, union,
difference and "how many aligned blocks does this touch" are computed with
sorting and arithmetic, never by walking the addresses or subnets they hold.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
from bisect import bisect_left, bisect_right

ADDRESS_BITS = {4: 32, 6: 128}

# Canonical IPv4 text (no leading zeros, no spaces) is parsed by splitting and looking up each
# part; anything else goes through ipaddress, so both accept exactly the same input.
IPV4_OCTETS = dict((str(number), number) for number in range(256))
IPV4_PREFIXES = dict((str(number), number) for number in range(33))
IPV4_HOST_BITS = dict((str(number), 32 - number) for number in range(33))
IPV4_HOST_MASKS = [(1 << bits) - 1 for bits in range(33)]
IPV4_ALL = (1 << 32) - 1


def to_network(value, strict=True):
    """Return an ``ip_network`` for a string or network, or raise ValueError."""
    if isinstance(value, (ipaddress.IPv4Network, ipaddress.IPv6Network)):
        return value
    if not isinstance(value, str):
        raise ValueError("%r is not a string" % (value,))
    if "%" in value:
        raise ValueError("%r has a zone index (%%); networks have none" % (value,))
    return ipaddress.ip_network(value.strip(), strict=strict)


def interval(network):
    """Return the ``(first, last)`` addresses of a network as integers."""
    first = int(network.network_address)
    return first, first | ((1 << (network.max_prefixlen - network.prefixlen)) - 1)


def ipv4_span(text):
    """``(first, last)`` of canonical IPv4 CIDR or address text, or None for anything else."""
    address, slash, prefix = text.partition("/")
    parts = address.split(".")
    if len(parts) != 4:
        return None
    octets = IPV4_OCTETS
    try:
        value = (octets[parts[0]] << 24) | (octets[parts[1]] << 16) | (octets[parts[2]] << 8) | octets[parts[3]]
        host = IPV4_ALL >> IPV4_PREFIXES[prefix] if slash else 0
    except KeyError:
        return None
    return value & ~host, (value & ~host) | host


def parse_span(value):
    """Return ``(version, first, last)`` for a network or address given as text; host bits are dropped.

    Raises ValueError for anything ``ipaddress.ip_network(value, strict=False)`` refuses.
    """
    if isinstance(value, str):
        span = ipv4_span(value)
        if span is not None:
            return 4, span[0], span[1]
    network = to_network(value, strict=False)
    first, last = interval(network)
    return network.version, first, last


def pack_ipv4(first, host_bits):
    """An IPv4 network as one float, ``first << 6 | host_bits`` (below 2^38, so exact): lists of floats sort
    about twice as fast as lists of large integers and four times as fast as tuples."""
    return float((first << 6) | host_bits)


def merge_ipv4_packed(packed):
    """Merge IPv4 networks packed by ``pack_ipv4``; return merged ``(first, last)`` tuples. Sorts ``packed``."""
    if not packed:
        return []
    packed.sort()
    masks = IPV4_HOST_MASKS
    merged = []
    value = int(packed[0])
    current = value >> 6
    limit = (current | masks[value & 63]) + 1
    for item in packed:
        value = int(item)
        first = value >> 6
        if first <= limit:
            last = first | masks[value & 63]
            if last >= limit:
                limit = last + 1
        else:
            merged.append((current, limit - 1))
            current, limit = first, (first | masks[value & 63]) + 1
    merged.append((current, limit - 1))
    return merged


def merge(intervals):
    """Sort intervals and join those that overlap or touch."""
    merged = []
    for first, last in sorted(intervals):
        if merged and first <= merged[-1][1] + 1:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def subtract(spans, holes):
    """Return the parts of merged ``spans`` not covered by merged ``holes``."""
    result = []
    hole_index = 0
    for first, last in spans:
        cursor = first
        while hole_index < len(holes) and holes[hole_index][1] < cursor:
            hole_index += 1
        scan = hole_index
        while scan < len(holes) and holes[scan][0] <= last:
            hole_first, hole_last = holes[scan]
            if hole_first > cursor:
                result.append((cursor, hole_first - 1))
            cursor = max(cursor, hole_last + 1)
            scan += 1
        if cursor <= last:
            result.append((cursor, last))
    return result


class IntervalIndex:
    """Merged intervals with fast lookup of those that meet a range."""

    def __init__(self, intervals):
        self.spans = merge(intervals)
        self._firsts = [span[0] for span in self.spans]
        self._lasts = [span[1] for span in self.spans]

    def within(self, first, last):
        """Return the merged spans meeting ``[first, last]``, clipped to it."""
        start = bisect_left(self._lasts, first)
        stop = bisect_right(self._firsts, last)
        return [(max(a, first), min(b, last)) for a, b in self.spans[start:stop]]

    def overlaps(self, first, last):
        start = bisect_left(self._lasts, first)
        return start < len(self.spans) and self.spans[start][0] <= last


def blocks_touched(spans, base, block_size):
    """Count the aligned blocks of ``block_size`` from ``base`` that any span meets.

    ``spans`` must be merged and lie at or above ``base``.
    """
    count = 0
    last_counted = -1
    for first, last in spans:
        low = (first - base) // block_size
        high = (last - base) // block_size
        if low <= last_counted:
            low = last_counted + 1
        if high >= low:
            count += high - low + 1
            last_counted = high
    return count


def aligned_blocks(first, last, bits):
    """Split ``[first, last]`` into the fewest CIDR blocks, as ``(start, prefix)``.

    Like ``ipaddress.summarize_address_range`` but on integers, so callers can
    work on clipped intervals without building address objects.
    """
    blocks = []
    while first <= last:
        span_bits = (last - first + 1).bit_length() - 1
        align_bits = (first & -first).bit_length() - 1 if first else bits
        host_bits = min(span_bits, align_bits)
        blocks.append((first, bits - host_bits))
        first += 1 << host_bits
    return blocks


def ipv4_text(start, prefix):
    """CIDR text of an IPv4 network from its integer start, as ipaddress writes it, without building it."""
    return "%d.%d.%d.%d/%d" % (start >> 24, (start >> 16) & 255, (start >> 8) & 255, start & 255, prefix)


def network_from(start, prefix, version):
    """Build an ``ip_network`` from an integer start address and prefix length."""
    if version == 4:
        return ipaddress.IPv4Network((start, prefix))
    return ipaddress.IPv6Network((start, prefix))
