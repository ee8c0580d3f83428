# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The safe_address_pools filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import safe_address_pools


def test_the_file_exports_its_filter():
    assert list(safe_address_pools.FilterModule().filters()) == ["safe_address_pools"]


def test_safe_pools_and_errors():
    assert safe_address_pools.safe_address_pools([], 16, 24, ["10.0.0.0/8"]) == [{"base": "10.0.0.0/20", "size": 24}]
    with pytest.raises(AnsibleFilterError, match=r"^safe_address_pools: only 0 free /24"):
        safe_address_pools.safe_address_pools(["10.0.0.0/8"], candidates=["10.0.0.0/8"])
