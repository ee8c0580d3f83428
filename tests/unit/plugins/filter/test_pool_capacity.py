# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pool_capacity filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import pool_capacity


def test_the_file_exports_its_filter():
    assert list(pool_capacity.FilterModule().filters()) == ["pool_capacity"]


POOLS = [{"base": "172.30.0.0/16", "size": "24"}]


def test_capacity_and_errors():
    assert pool_capacity.pool_capacity(POOLS, ["172.30.0.0/24"])["free"] == 255
    with pytest.raises(AnsibleFilterError, match=r"^pool_capacity: used entry 'x' is not an IP network"):
        pool_capacity.pool_capacity(POOLS, ["x"])
