# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The normalized_networks filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import normalized_networks


def test_the_file_exports_its_filter():
    assert list(normalized_networks.FilterModule().filters()) == ["normalized_networks"]


def test_normalized_networks_and_errors():
    assert normalized_networks.normalized_networks(["10.1.2.3/24"], form="tcp_wrappers") == ["10.1.2.0/255.255.255.0"]
    with pytest.raises(AnsibleFilterError, match="normalized_networks: 'eth0' is not an IP address or network"):
        normalized_networks.normalized_networks(["eth0"])
