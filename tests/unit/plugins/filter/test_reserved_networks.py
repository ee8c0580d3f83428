# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reserved_networks filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import reserved_networks


def test_the_file_exports_its_filter():
    assert list(reserved_networks.FilterModule().filters()) == ["reserved_networks"]


def test_reserved_networks_and_errors():
    facts = {"eth0": {"device": "eth0", "ipv4": {"address": "10.1.2.3", "netmask": "255.255.255.0"}}}
    assert reserved_networks.reserved_networks(facts, extra=["10.7.0.0/16"]) == ["10.1.2.0/24", "10.7.0.0/16"]
    with pytest.raises(AnsibleFilterError, match=r"^reserved_networks: facts must be a mapping"):
        reserved_networks.reserved_networks(["eth0"])
