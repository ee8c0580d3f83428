# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The validate_address_pools filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import validate_address_pools


def test_the_file_exports_its_filter():
    assert list(validate_address_pools.FilterModule().filters()) == ["validate_address_pools"]


POOLS = [{"base": "172.30.0.0/16", "size": "24"}]


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
