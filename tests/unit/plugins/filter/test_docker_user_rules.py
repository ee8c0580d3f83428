# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The docker_user_rules filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import docker_user_rules


def test_the_file_exports_its_filter():
    assert list(docker_user_rules.FilterModule().filters()) == ["docker_user_rules"]


def test_ports_and_interfaces_reach_the_core():
    chains = docker_user_rules.docker_user_rules(["10.0.0.0/8"], ports=[{"port": 22, "allowed": ["192.0.2.1"]}],
                                                 container_interfaces=["docker0"])
    assert "-A DOCKER-USER -s 192.0.2.1/32 -p tcp -m conntrack --ctorigdstport 22 --ctdir ORIGINAL -j RETURN" in (
        chains["ipv4"].splitlines())
    assert "-A DOCKER-USER -o docker0 -j DROP" in chains["ipv6"].splitlines()
    assert "\t\tip saddr 192.0.2.1/32 meta l4proto tcp ct original proto-dst 22 accept" in chains["nftables"].splitlines()


def test_the_default_route_is_refused_naming_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^docker_user_rules: allowed: 0\.0\.0\.0/0 is the default route"):
        docker_user_rules.docker_user_rules(["0.0.0.0/0"])
