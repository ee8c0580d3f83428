# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.dockyard.docker_host.plugins.module_utils.ip_intervals import (
    IntervalIndex,
    aligned_blocks,
    blocks_touched,
    merge,
    parse_span,
    subtract,
)


def test_merge_joins_overlapping_and_touching():
    assert merge([(10, 20), (0, 5), (6, 8), (15, 30), (40, 41)]) == [(0, 8), (10, 30), (40, 41)]


def test_subtract_cuts_holes():
    assert subtract([(0, 100)], [(10, 19), (50, 200)]) == [(0, 9), (20, 49)]
    assert subtract([(0, 9), (20, 29)], [(5, 24)]) == [(0, 4), (25, 29)]
    assert subtract([(0, 9)], []) == [(0, 9)]


def test_index_within_clips_and_overlaps():
    index = IntervalIndex([(0, 9), (20, 29), (40, 49)])
    assert index.within(5, 25) == [(5, 9), (20, 25)]
    assert index.overlaps(10, 19) is False
    assert index.overlaps(10, 20) is True
    assert index.overlaps(50, 60) is False


def test_blocks_touched_counts_each_block_once():
    assert blocks_touched([(0, 0), (3, 4), (5, 5)], 0, 4) == 2
    assert blocks_touched([(0, 15)], 0, 4) == 4
    assert blocks_touched([], 0, 4) == 0


def test_aligned_blocks_match_ipaddress_summary():
    first = int(ipaddress.ip_address("10.0.0.3"))
    last = int(ipaddress.ip_address("10.1.2.200"))
    expected = [
        (int(net.network_address), net.prefixlen)
        for net in ipaddress.summarize_address_range(ipaddress.ip_address(first), ipaddress.ip_address(last))
    ]
    assert aligned_blocks(first, last, 32) == expected
    assert aligned_blocks(0, 2 ** 32 - 1, 32) == [(0, 0)]


octet_text = st.one_of(st.integers(0, 300).map(str), st.sampled_from(["00", "01", "010", "1a", "", "-1", "0255"]))
prefix_text = st.one_of(st.none(), st.integers(0, 40).map(str), st.sampled_from(["00", "08", "024", "", "x"]))


@st.composite
def ipv4_like_text(draw):
    text = ".".join(draw(octet_text) for _octet in range(draw(st.integers(3, 5))))
    prefix = draw(prefix_text)
    return text if prefix is None else "%s/%s" % (text, prefix)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(ipv4_like_text(), st.text(max_size=20)))
def test_parse_span_accepts_exactly_what_ipaddress_accepts(text):
    try:
        network = ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        with pytest.raises(ValueError):
            parse_span(text)
        return
    first = int(network.network_address)
    assert parse_span(text) == (network.version, first, first + network.num_addresses - 1)


def test_parse_span_handles_ipv6_and_network_objects():
    assert parse_span("fd00::1/64") == (6, 0xFD << 120, (0xFD << 120) + 2 ** 64 - 1)
    assert parse_span(ipaddress.ip_network("10.0.0.0/8")) == (4, 10 << 24, (11 << 24) - 1)
