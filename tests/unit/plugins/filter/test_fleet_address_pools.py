# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet_address_pools filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import fleet_address_pools


def test_the_file_exports_its_filter():
    assert list(fleet_address_pools.FilterModule().filters()) == ["fleet_address_pools"]


def test_fleet_pools_and_errors():
    assert fleet_address_pools.fleet_address_pools(["a"], "10.9.0.0/16", 20) == {
        "a": [{"base": "10.9.0.0/20", "size": 24}]}
    with pytest.raises(AnsibleFilterError, match=r"^fleet_address_pools: supernet 10.9.0.0/20 is full"):
        fleet_address_pools.fleet_address_pools(["a", "b"], "10.9.0.0/20", 20)
